import assert from 'node:assert/strict';
import { parseInvocation } from '../../../src/assign/vscode/invocation';
import { menuSelection } from '../../../src/platform/menuSelection';
import { aNumber } from '../../support/builders';

const APP = 'bb7b4e39-4227-4913-8c81-2db4abb54fb3';
const node = (n: number) => ({ kind: 'number', id: `n${n}`, number: aNumber({ number: n }) });

describe('what a menu command acts on (one rule)', () => {
  it('menuSelection: the selection when the clicked row is in it, else the clicked row alone', () => {
    const [a, b, c] = [node(1), node(2), node(3)];
    assert.deepEqual(menuSelection(a, [a, b]), [a, b]);
    assert.deepEqual(menuSelection(c, [a, b]), [c], 'a right-click outside the selection');
    assert.deepEqual(menuSelection(a, undefined), [a]);
    assert.deepEqual(
      menuSelection({ ...a }, [a, b], (x, y) => x.id === y.id),
      [a, b],
      'same row, another object',
    );
  });

  it('parseInvocation uses it for number nodes, compared by number', () => {
    const [a, b, c] = [node(14150005550), node(14150005551), node(14150005552)];
    assert.deepEqual(
      parseInvocation([{ ...a }, [a, b]]).nodes?.map((n) => n.number),
      [14150005550, 14150005551],
    );
    assert.deepEqual(
      parseInvocation([c, [a, b]]).nodes?.map((n) => n.number),
      [14150005552],
    );
  });

  it('the Unassigned node and an application node name no numbers', () => {
    assert.deepEqual(parseInvocation([{ kind: 'unassigned', id: 'unassigned' }, []]), {});
    assert.deepEqual(parseInvocation([{ kind: 'application', id: APP, key: APP }]), {
      application: { key: APP, label: undefined },
    });
    assert.deepEqual(parseInvocation([{ numbers: [14150005550] }]), { values: [14150005550] });
  });

  it('a quick fix names both the numbers and the application', () => {
    assert.deepEqual(parseInvocation([{ numbers: [14150005550], application: { key: APP, label: 'Voice IVR' } }]), {
      values: [14150005550],
      application: { key: APP, label: 'Voice IVR' },
    });
    assert.deepEqual(parseInvocation([{ numbers: [14150005550], application: { label: 'no key' } }]), {
      values: [14150005550],
    });
  });
});
