// Installed by `npm start` beside the extension, never shipped: VS Code has no setting for the
// view a new window shows first, so this opens the demo's config file and the Sinch Numbers view.
const vscode = require('vscode');

async function activate() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (folder) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, 'sinch.env'), { preview: false });
  await vscode.commands.executeCommand('workbench.view.extension.sinchNumbers');
}

module.exports = { activate };
