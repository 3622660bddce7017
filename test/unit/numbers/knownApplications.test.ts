// Applications known without numbers: added by key, seen with numbers since sign-in, labelled.
import assert from 'node:assert/strict';
import { AddedApplications } from '../../../src/numbers/addedApplications';
import { buildInventory } from '../../../src/numbers/inventory';
import { KnownApplications } from '../../../src/numbers/knownApplications';
import { APP_A, APP_B, NOW, aNumber } from '../../support/builders';
import { InMemoryMemento } from '../../support/memento';

const APP_C = 'e8f9a0b1-c2d3-4e4f-8a5b-6c7d8e9f0a1b';

describe('numbers: known applications', () => {
  it('lists added, then seen, then labelled keys; a label of an application seen elsewhere stays there', async () => {
    const added = new AddedApplications(new InMemoryMemento(), 'k');
    let labels: Record<string, string> = { [APP_C.toUpperCase()]: 'Staging', [APP_B]: 'Globex app' };
    const known = new KnownApplications(added, () => labels);
    let changes = 0;
    known.onDidChange(() => changes++);
    await added.add('org-1', APP_A);
    known.remember(
      'org-1',
      buildInventory([aNumber({ applicationKey: APP_A }), aNumber({ number: 14150005551, applicationKey: APP_C })], {
        now: NOW,
        expiryWarningDays: 30,
      }),
    );
    known.remember('org-2', buildInventory([aNumber({ applicationKey: APP_B })], { now: NOW, expiryWarningDays: 30 }));
    assert.deepEqual(known.list('org-1'), [
      [APP_A, 'added'],
      [APP_C, 'seen'],
    ]);
    assert.deepEqual(known.list('org-2'), [[APP_B, 'seen']]);
    known.forgetSeen();
    assert.deepEqual(known.list('org-1'), [
      [APP_A, 'added'],
      [APP_C, 'labelled'],
      [APP_B, 'labelled'],
    ]);
    labels = {};
    known.labelsChanged();
    assert.deepEqual(known.list('org-1'), [[APP_A, 'added']]);
    assert.ok(changes >= 3, 'added, forgotten and the labels each fire');
    assert.deepEqual(known.list(undefined), []);
    known.dispose();
  });
});
