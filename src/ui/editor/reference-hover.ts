import * as monaco from 'monaco-editor/editor';
import { getTypeScriptWorker } from 'monaco-editor/languages/features/typescript/register';

/** Where the editor keeps the engine's declarations (see `monaco.ts`). */
const ENGINE = 'file:///node_modules/streamlab/';

/** The part of TypeScript's `DefinitionInfo` used here. */
interface Definition {
  readonly fileName: string;
  readonly textSpan: { readonly start: number };
}

/**
 * Adds "Open in the reference" to the hover of a name from `streamlab`, linking the page of the
 * export or member it is. The name's definition, as TypeScript finds it in the engine's
 * declarations, is looked up in `anchors`, made at build time from the same declaration text.
 */
export function registerReferenceHover(
  anchors: Readonly<Record<string, Readonly<Record<number, string>>>>,
): monaco.IDisposable {
  const hover = monaco.languages.registerHoverProvider('typescript', {
    async provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return undefined;
      const worker = await (await getTypeScriptWorker())(model.uri);
      if (model.isDisposed()) return undefined;
      const definitions = ((await worker.getDefinitionAtPosition(
        model.uri.toString(),
        model.getOffsetAt(position),
      )) ?? []) as readonly Definition[];
      const path = definitions
        .filter((d) => d.fileName.startsWith(ENGINE))
        .map((d) => anchors[d.fileName.slice(ENGINE.length)]?.[d.textSpan.start])
        .find((p) => p !== undefined);
      if (!path) return undefined;
      return {
        range: new monaco.Range(
          position.lineNumber,
          word.startColumn,
          position.lineNumber,
          word.endColumn,
        ),
        contents: [{ value: `[Open in the reference](${appUrl()}#/reference/${path})` }],
      };
    },
  });
  // Monaco's hovers only follow links with a scheme; the app's own address with a reference
  // route is opened here, in place, as any link in the app is, rather than in a new tab.
  const opener = monaco.editor.registerLinkOpener({
    open(uri) {
      const here = monaco.Uri.parse(appUrl());
      const sameApp =
        uri.with({ fragment: '' }).toString() === here.with({ fragment: '' }).toString();
      if (!sameApp || !uri.fragment.startsWith('/reference')) return false;
      location.hash = `#${uri.fragment}`;
      return true;
    },
  });
  return {
    dispose() {
      hover.dispose();
      opener.dispose();
    },
  };
}

/** This page's address without its hash route. */
function appUrl(): string {
  return location.href.split('#')[0] ?? '';
}
