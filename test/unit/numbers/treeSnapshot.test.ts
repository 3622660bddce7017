// The Numbers tree's snapshot in plain Node: roots, their order and counts, rows per page,
// the filter, contributed sections and when a change leaves the tree as it is.
import assert from 'node:assert/strict';
import { parseFilter } from '../../../src/numbers/filter';
import { buildInventory, type Inventory } from '../../../src/numbers/inventory';
import { Emitter } from '../../../src/platform/emitter';
import type { ApplicationSource, NumbersNode } from '../../../src/numbers/treeNodes';
import type { SectionView, TreeSection } from '../../../src/numbers/treeSections';
import { NumbersTree, PAGE_SIZE, type TreeSources } from '../../../src/numbers/treeSnapshot';
import { APP_A, APP_B, DAY, NOW, aNumber, iso } from '../../support/builders';

const ORG = 'org-1';
const APP_C = 'e8f9a0b1-c2d3-4e4f-8a5b-6c7d8e9f0a1b';

function demoInventory(): Inventory {
  return buildInventory(
    [
      aNumber({ number: 14150005550 }),
      aNumber({ number: 14150005551, applicationKey: APP_A }),
      aNumber({ number: 14150005552, applicationKey: APP_B, expires: iso(NOW + 5 * DAY) }),
      aNumber({ number: 14150005553, applicationKey: APP_B, city: 'PARIS', countryId: 'FR' }),
    ],
    { now: NOW, expiryWarningDays: 30 },
  );
}

interface Fixture {
  sources: TreeSources;
  model: { inventory: Inventory | undefined; numbers: unknown[] | undefined; lastError: unknown; loading: boolean };
  listed: [string, ApplicationSource][];
  labels: Record<string, string>;
}

function fixture(inventory: Inventory | undefined = demoInventory(), sections: TreeSection[] = []): Fixture {
  const model = {
    inventory,
    numbers: inventory ? [...inventory.numbers] : undefined,
    organisationId: ORG as string | undefined,
    lastError: undefined as unknown,
    loading: false,
  };
  const f: Fixture = {
    model,
    listed: [],
    labels: {},
    sources: {
      session: { active: { organisationId: ORG, identity: { endpoint: 'a@b' } }, isMarkedExpired: () => false },
      model,
      now: () => NOW,
      labels: () => f.labels,
      applications: () => f.listed,
      sections,
    },
  };
  return f;
}

const kinds = (nodes: NumbersNode[]) => nodes.map((n) => (n.kind === 'application' ? `app:${n.label}` : n.kind));

describe('numbers tree snapshot', () => {
  it('lists applications (named first), then Unassigned, with counts; nothing before a list', () => {
    const f = fixture();
    f.labels = { [APP_B]: 'Support' };
    const tree = new NumbersTree(f.sources);
    assert.deepEqual(kinds(tree.roots()), ['app:Support', 'app:bb7b4e39…', 'unassigned']);
    const support = tree.roots()[0];
    assert.ok(support.kind === 'application');
    assert.deepEqual([support.count, support.expiring, support.total, support.source], [2, 1, 2, 'numbers']);
    assert.equal(tree.shown, 4);

    const empty = fixture();
    empty.model.inventory = undefined;
    empty.model.numbers = undefined;
    assert.deepEqual(kinds(new NumbersTree(empty.sources).roots()), ['message']);
  });

  it('lists the applications the sources name without numbers, marked with why', () => {
    const f = fixture();
    f.listed = [
      [APP_C, 'labelled'],
      [APP_A, 'seen'],
    ];
    const tree = new NumbersTree(f.sources);
    const c = tree.applicationNode(APP_C);
    assert.ok(c);
    assert.deepEqual([c.total, c.source, c.group], [0, 'labelled', undefined]);
    assert.equal(tree.applicationNode(APP_A)?.source, 'numbers', 'one that holds numbers is listed once');
    assert.equal(tree.roots().filter((n) => n.kind === 'application').length, 3);
  });

  it('rows of a group: expiring first, nodes with their parent; a number further down grows the page', () => {
    const f = fixture();
    const tree = new NumbersTree(f.sources);
    const b = tree.applicationNode(APP_B)!;
    const rows = tree.children(b);
    assert.deepEqual(
      rows.map((n) => (n.kind === 'number' ? n.number.number : n.kind)),
      [14150005552, 14150005553],
    );
    assert.equal(tree.parent(rows[0]), b);
    const found = tree.nodeFor(14150005553);
    assert.equal(found.node?.number.number, 14150005553);
    assert.equal(found.grown, undefined, 'already shown');
    assert.equal(tree.nodeFor(19999999999).node, undefined);
  });

  it('pages a large group and Show More adds the next page', () => {
    const numbers = Array.from({ length: PAGE_SIZE + 3 }, (_, i) =>
      aNumber({ number: 14150000000 + i, applicationKey: APP_A }),
    );
    const f = fixture(buildInventory(numbers, { now: NOW, expiryWarningDays: 30 }));
    const tree = new NumbersTree(f.sources);
    const a = tree.applicationNode(APP_A)!;
    const first = tree.children(a);
    const more = first.at(-1)!;
    assert.ok(more.kind === 'more');
    assert.deepEqual([first.length, more.remaining, more.next], [PAGE_SIZE + 1, 3, 3]);
    assert.equal(tree.showMore(more), a);
    assert.equal(tree.children(a).length, PAGE_SIZE + 3);

    const fresh = new NumbersTree(f.sources);
    const far = fresh.nodeFor(14150000000 + PAGE_SIZE + 2);
    assert.equal(far.node?.number.number, 14150000000 + PAGE_SIZE + 2);
    assert.equal(far.grown?.kind, 'application', 'the group grew to the page that holds it');
  });

  it('a filter keeps only the groups with matches, counts them, and gives them new ids', () => {
    const f = fixture();
    const tree = new NumbersTree(f.sources);
    const before = tree.applicationNode(APP_B)!.id;
    assert.equal(tree.setFilter(parseFilter('city:paris')), true);
    assert.equal(tree.setFilter(parseFilter('city:paris')), false, 'the same filter again changes nothing');
    assert.deepEqual(kinds(tree.roots()), ['app:c3a1d2e4…']);
    const b = tree.applicationNode(APP_B)!;
    assert.deepEqual([b.count, b.total], [1, 2]);
    assert.notEqual(b.id, before);
    assert.equal(tree.shown, 1);
    assert.deepEqual(
      [...tree.visibleNumbers()].map((n) => n.number),
      [14150005553],
    );
  });

  it('a model change over the same list keeps the snapshot; a new list or an error drops it', () => {
    const f = fixture();
    const tree = new NumbersTree(f.sources);
    const roots = tree.roots();
    assert.equal(tree.modelChanged(), false);
    assert.equal(tree.roots(), roots);
    f.model.lastError = new Error('boom');
    assert.equal(tree.modelChanged(), true);
    assert.deepEqual(kinds(tree.roots()).slice(0, 1), ['message']);
  });

  it('shows contributed sections first; a change of text only updates the node in place', () => {
    const changed = new Emitter<void>();
    let rows = ['r1'];
    let age = 'just now';
    const section: TreeSection = {
      id: 'things',
      onDidChange: changed.event,
      view: (): SectionView | undefined =>
        rows.length
          ? {
              head: { id: 'things', label: 'Things', icon: 'package', contextValue: 'cart' },
              rows: rows.map((id) => ({ id, ref: id, label: id, description: age, icon: 'clock', contextValue: 'x' })),
            }
          : undefined,
    };
    const f = fixture(demoInventory(), [section]);
    const tree = new NumbersTree(f.sources);
    const head = tree.roots()[0];
    assert.ok(head.kind === 'section');
    const [row] = tree.children(head);
    assert.ok(row.kind === 'sectionRow');
    assert.deepEqual([row.ref, row.section, tree.parent(row)], ['r1', 'things', head]);

    age = '1 min ago';
    assert.equal(tree.sectionChanged(section), head, 'same rows: the node itself');
    assert.equal(tree.roots()[0], head);
    const [again] = tree.children(head);
    assert.ok(again.kind === 'sectionRow');
    assert.equal(again.row.description, '1 min ago');

    rows = [];
    assert.equal(tree.sectionChanged(section), undefined, 'rows changed: rebuilt');
    assert.notEqual(tree.roots()[0].kind, 'section');
  });
});
