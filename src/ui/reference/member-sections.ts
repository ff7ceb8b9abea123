import type { ReferenceKind, ReferenceMember } from '../../content/reference-types';

export interface MemberSection {
  readonly title: string;
  readonly members: readonly ReferenceMember[];
}

/**
 * A page's own members in the sections it shows them in, empty sections left out. An object
 * constant has no instances, so its members are not called static.
 */
export function memberSections(
  members: readonly ReferenceMember[],
  kind: ReferenceKind,
): MemberSection[] {
  const constant = kind === 'constant';
  const sections: [string, (m: ReferenceMember) => boolean][] = [
    ['Constructor', (m) => m.kind === 'constructor'],
    [constant ? 'Methods' : 'Static methods', (m) => m.static && m.kind === 'method'],
    [constant ? 'Properties' : 'Static properties', (m) => m.static && m.kind === 'property'],
    ['Properties', (m) => !m.static && m.kind === 'property'],
    ['Methods', (m) => !m.static && m.kind === 'method'],
  ];
  return sections
    .map(([title, test]) => ({ title, members: members.filter(test) }))
    .filter((s) => s.members.length > 0);
}
