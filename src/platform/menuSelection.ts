/**
 * The one rule for what a tree menu acts on (numbers, assign and rent commands): the selection
 * when the clicked row is part of it, else the clicked row alone (a right-click outside the
 * selection). `same` says when two nodes are the same row; by default the same object.
 */
export function menuSelection<T>(
  clicked: T,
  selected: unknown,
  same: (a: T, b: T) => boolean = (a, b) => a === b,
): T[] {
  const list = Array.isArray(selected) ? (selected as T[]) : [];
  return list.some((n) => n === clicked || same(n, clicked)) ? [...list] : [clicked];
}
