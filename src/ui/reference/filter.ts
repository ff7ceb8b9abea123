import type { ReferenceGroup, ReferenceIndexEntry } from '../../content/reference-types';

/** An index entry the filter kept, with the members whose names matched. */
export interface FilteredEntry extends ReferenceIndexEntry {
  readonly matchingMembers: readonly string[];
}

export interface FilteredGroup {
  readonly title: string;
  readonly entries: readonly FilteredEntry[];
}

/**
 * The index narrowed to names containing `query` (any case): an export matches by its own name
 * or by a member's, and matching members are listed so the learner can jump to them.
 * `Export.member` narrows both at once (`WatermarkStrategy.for`).
 */
export function filterIndex(groups: readonly ReferenceGroup[], query: string): FilteredGroup[] {
  const q = query.trim().toLowerCase();
  const [exportPart = '', memberPart] = q.includes('.') ? q.split('.', 2) : [q, undefined];
  return groups
    .map((group) => ({
      title: group.title,
      entries: group.entries.flatMap((entry): FilteredEntry[] => {
        if (q === '') return [{ ...entry, matchingMembers: [] }];
        const name = entry.name.toLowerCase();
        if (memberPart !== undefined) {
          if (!name.includes(exportPart)) return [];
          const members = entry.members.filter((m) => m.toLowerCase().includes(memberPart));
          return members.length > 0 || memberPart === ''
            ? [{ ...entry, matchingMembers: members }]
            : [];
        }
        const members = entry.members.filter((m) => m.toLowerCase().includes(q));
        return name.includes(q) || members.length > 0
          ? [{ ...entry, matchingMembers: members }]
          : [];
      }),
    }))
    .filter((group) => group.entries.length > 0);
}
