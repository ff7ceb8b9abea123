import * as monaco from 'monaco-editor/editor';
import { getTypeScriptWorker } from 'monaco-editor/languages/features/typescript/register';
import { markerCode } from './marker-code';
import { toMonacoEdit } from './text-edits';

/** The parts of TypeScript's `CodeFixAction` used here. */
interface CodeFix {
  readonly fixName: string;
  readonly description: string;
  readonly changes: readonly {
    readonly isNewFile?: boolean;
    readonly textChanges: readonly {
      readonly span: { readonly start: number; readonly length: number };
      readonly newText: string;
    }[];
  }[];
}

/**
 * TypeScript's own quick fixes (spelling, missing members, …), as Monaco's TypeScript support
 * offers them, less its "Add import from "streamlab"" and "Update import from "streamlab"": the
 * import quick fix offers those, named for the name it adds and with the learner's import style.
 * Monaco's own provider is turned off (`codeActions: false`) so the light bulb lists each fix
 * once.
 */
export function registerTypeScriptFixes(): monaco.IDisposable {
  return monaco.languages.registerCodeActionProvider(
    'typescript',
    {
      async provideCodeActions(model, range, context) {
        const codes = context.markers
          .map((m) => Number(markerCode(m)))
          .filter((code) => Number.isInteger(code));
        if (codes.length === 0) return { actions: [], dispose() {} };
        const worker = await (await getTypeScriptWorker())(model.uri);
        if (model.isDisposed()) return undefined;
        const fixes = (await worker.getCodeFixesAtPosition(
          model.uri.toString(),
          model.getOffsetAt(range.getStartPosition()),
          model.getOffsetAt(range.getEndPosition()),
          codes,
          formatOptions(model.getOptions()),
        )) as readonly CodeFix[];
        if (model.isDisposed()) return undefined;
        const actions = fixes
          .filter((fix) => !(fix.fixName === 'import' && /["']streamlab["']/.test(fix.description)))
          .filter((fix) => fix.changes.every((change) => !change.isNewFile))
          .map((fix): monaco.languages.CodeAction => ({
            title: fix.description,
            kind: 'quickfix',
            diagnostics: context.markers,
            edit: {
              edits: fix.changes.flatMap((change) =>
                change.textChanges.map((c) => ({
                  resource: model.uri,
                  versionId: undefined,
                  textEdit: toMonacoEdit(model, {
                    start: c.span.start,
                    end: c.span.start + c.span.length,
                    text: c.newText,
                  }),
                })),
              ),
            },
          }));
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}

/** TypeScript's `FormatCodeSettings` for code a fix writes, as Monaco's own provider passes. */
function formatOptions(options: monaco.editor.TextModelResolvedOptions) {
  return {
    ConvertTabsToSpaces: options.insertSpaces,
    TabSize: options.tabSize,
    IndentSize: options.tabSize,
    IndentStyle: 2, // Smart
    NewLineCharacter: '\n',
    InsertSpaceAfterCommaDelimiter: true,
    InsertSpaceAfterSemicolonInForStatements: true,
    InsertSpaceBeforeAndAfterBinaryOperators: true,
    InsertSpaceAfterKeywordsInControlFlowStatements: true,
    InsertSpaceAfterFunctionKeywordForAnonymousFunctions: true,
    InsertSpaceAfterOpeningAndBeforeClosingNonemptyParenthesis: false,
    InsertSpaceAfterOpeningAndBeforeClosingNonemptyBrackets: false,
    InsertSpaceAfterOpeningAndBeforeClosingTemplateStringBraces: false,
    PlaceOpenBraceOnNewLineForControlBlocks: false,
    PlaceOpenBraceOnNewLineForFunctions: false,
  };
}
