import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('extension', () => {
  it('activates in the real extension host and registers the Numbers view', async () => {
    const ext = vscode.extensions.getExtension('sinch-numbers-dev.sinch-numbers');
    assert.ok(ext, 'extension is installed');
    await ext.activate();
    assert.equal(ext.isActive, true);
    const pkg = ext.packageJSON;
    assert.ok(pkg.contributes.views.sinchNumbers.some((v: { id: string }) => v.id === 'sinchNumbers.numbers'));
    await vscode.commands.executeCommand('sinchNumbers.numbers.focus');
  });
});
