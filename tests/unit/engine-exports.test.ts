import { describe, expect, it } from 'vitest';
import { listExports } from '../../src/build/engine-exports';

describe('listExports', () => {
  it('follows re-exports and `export *`, and tells values from types', () => {
    const declarations = {
      'index.d.ts': [
        "export { Window, type Pane } from './windows/window';",
        "export type { Assigner } from './windows/window';",
        "export * from './sources/index';",
      ].join('\n'),
      'windows/window.d.ts': [
        'export declare class Window {}',
        'export interface Pane {}',
        'export declare class Assigner {}',
      ].join('\n'),
      'sources/index.d.ts': [
        'export declare function elements(): void;',
        'export declare const LIMIT = 3;',
        'export type Millis = number;',
        'export declare enum Domain { Event }',
      ].join('\n'),
    };
    expect(listExports(declarations)).toEqual([
      // `export type { SomeClass }` leaves only its type usable.
      { name: 'Assigner', kind: 'class', value: false, type: true },
      { name: 'Domain', kind: 'enum', value: true, type: true },
      { name: 'LIMIT', kind: 'variable', value: true, type: false },
      { name: 'Millis', kind: 'type', value: false, type: true },
      { name: 'Pane', kind: 'interface', value: false, type: true },
      { name: 'Window', kind: 'class', value: true, type: true },
      { name: 'elements', kind: 'function', value: true, type: false },
    ]);
  });
});
