import assert from 'node:assert/strict';
import { AddedApplications } from '../../../src/numbers/addedApplications';
import { InputError } from '../../../src/platform/errors';
import { APP_A, APP_B } from '../../support/builders';
import { InMemoryMemento } from '../../support/memento';

describe('AddedApplications', () => {
  it('keeps normalised keys per organisation, once each, and fires on change', async () => {
    const store = new AddedApplications(new InMemoryMemento(), 'k');
    let fired = 0;
    store.onDidChange(() => fired++);
    assert.equal(await store.add('1', ` ${APP_A.toUpperCase()} `), APP_A);
    await store.add('1', APP_A);
    await store.add('2', APP_B);
    assert.deepEqual(store.list('1'), [APP_A]);
    assert.deepEqual(store.list('2'), [APP_B]);
    assert.deepEqual(store.list(undefined), []);
    assert.equal(fired, 2);
    await store.remove('1', APP_A);
    assert.deepEqual(store.list('1'), []);
  });

  it('refuses anything that is not an application key', async () => {
    const store = new AddedApplications(new InMemoryMemento(), 'k');
    await assert.rejects(store.add('1', '../etc'), InputError);
  });
});
