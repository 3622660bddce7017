// The port through which a feature adds root sections to the Numbers tree (rent adds its
// Reservations). The numbers layer declares it and renders the rows; the feature supplies plain
// data and says when it changed; src/extension.ts wires the two. Text in a row is shown as
// text: a tooltip's fields are escaped completely when they become Markdown.

/** A subscription, shaped like vscode.Event (platform/emitter's `event`). */
export type Event<T> = (listener: (value: T) => void) => { dispose(): void };

/** A tooltip as data: a bold title, an optional plain note and paragraph, then "Name: value" lines. */
export interface RowTooltip {
  readonly title: string;
  readonly note?: string;
  readonly text?: string;
  readonly fields?: readonly (readonly [name: string, value: string])[];
}

export interface SectionHead {
  /** The TreeItem id: unique in the tree. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** A product icon id ("package"). */
  readonly icon: string;
  readonly contextValue: string;
  readonly tooltip?: RowTooltip;
}

export interface SectionRow extends SectionHead {
  /** What a menu command acts on (a reservation's reference id). */
  readonly ref: string;
}

export interface SectionView {
  readonly head: SectionHead;
  readonly rows: readonly SectionRow[];
}

export interface TreeSection {
  /** Unique among the sections ("reservations"). */
  readonly id: string;
  /** The section for the organisation, rendered at `now`; undefined shows none. */
  view(organisationId: string, now: number): SectionView | undefined;
  /** Fires when the rows or their text changed (the tree asks `view` again). */
  readonly onDidChange: Event<void>;
}
