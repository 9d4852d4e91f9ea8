/**
 * The Monaco YAML editor of the scenario editor. Only loadMonaco.ts loads this module, with
 * `await import()`, so Monaco (about 3 MB) is its own chunk, fetched when the editor opens.
 *
 * The recipe is ../shared/STACK.md §4: monaco-editor's tree-shakeable entries (core API plus the
 * features below, not the 80 languages and 4 language workers of the full package), Vite `?worker`
 * imports, and an adapter that lets monaco-yaml 5.5.1 start its worker with the `{ worker }`
 * protocol of monaco-editor ≥ 0.53 (without it: "Could not create web worker(s)" and no markers).
 * The resolve alias in vite.config.ts fixes monaco-worker-manager's old deep import.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/suggest/register';
// The suggest feature entry of 0.57 brings only its inline-completions part; the controller (the
// completion list itself, Ctrl+Space) and the snippet controller it inserts with come from here.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import YamlWorker from './yaml.worker?worker';
import { scenarioJsonSchema } from '../../../sim/scenario/jsonSchema';

/** The schema applies to models whose URI matches `fileMatch`: the editor's one model is named so. */
export const SCHEMA_FILE_MATCH = '**/mailroot-scenario.yaml';
export const MODEL_URI = 'file:///mailroot-scenario.yaml';
/** Our own markers (the loader's errors), next to monaco-yaml's schema warnings. */
const MARKER_OWNER = 'mailroot-loader';

export interface EditorProblem {
  line?: number;
  column?: number;
  path: string;
  message: string;
}

export interface YamlEditor {
  getText(): string;
  /** Replaces the whole text (a new draft); the undo history starts again. */
  setText(text: string): void;
  /** Shows the loader's errors as Error markers. */
  setProblems(problems: readonly EditorProblem[]): void;
  /** Moves the cursor to a line and column, scrolls there and focuses the editor. */
  goTo(line: number, column: number): void;
  /** The accessible name of the text area (follows the UI language). */
  setLabel(label: string): void;
  dispose(): void;
}

export interface YamlEditorOptions {
  text: string;
  label: string;
  /** The id of the text that tells how to use the editor (and leave it) from the keyboard. */
  describedBy: string;
  onChange: (text: string) => void;
}

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'yaml' ? new YamlWorker() : new EditorWorker(),
};

let yamlConfigured = false;

/** monaco-yaml registers its providers once per Monaco instance, so once per page load. */
function configureYaml(): void {
  if (yamlConfigured) return;
  yamlConfigured = true;
  // monaco-worker-manager still calls createWebWorker({ label, moduleId, createData }); Monaco
  // 0.57 wants a started worker. The first message wakes the worker, the second carries createData.
  const yamlMonaco = {
    ...monaco,
    editor: {
      ...monaco.editor,
      createWebWorker(options: { createData?: unknown }) {
        const worker = new YamlWorker();
        worker.postMessage('ignore');
        worker.postMessage(options.createData);
        return monaco.editor.createWebWorker({ worker });
      },
    },
  };
  configureMonacoYaml(yamlMonaco as never, {
    enableSchemaRequest: false,
    // The schema drives hover and completion; problems come from the loader alone (the panel and
    // the markers then agree, and each problem shows once, with the loader's wording).
    validate: false,
    format: { enable: false },
    schemas: [
      {
        uri: 'inmemory://mailroot-lab/scenario.schema.json',
        fileMatch: [SCHEMA_FILE_MATCH],
        schema: scenarioJsonSchema as never,
      },
    ],
  });
}

export function createYamlEditor(container: HTMLElement, options: YamlEditorOptions): YamlEditor {
  configureYaml();
  const uri = monaco.Uri.parse(MODEL_URI);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(options.text, 'yaml', uri);
  model.updateOptions({ tabSize: 2, insertSpaces: true });
  const editor = monaco.editor.create(container, {
    model,
    ariaLabel: options.label,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    wordWrap: 'on',
    renderWhitespace: 'boundary',
    fixedOverflowWidgets: true,
    // Its menu would offer code navigation YAML does not have, and it draws without a background
    // in a shadow root outside the editor's theme; copy and paste work from the keyboard.
    contextmenu: false,
  });
  // Screen readers announce the keyboard help with the text box (Monaco has no option for it).
  editor
    .getDomNode()
    ?.querySelector('textarea')
    ?.setAttribute('aria-describedby', options.describedBy);
  const changes = model.onDidChangeContent(() => options.onChange(model.getValue()));

  return {
    getText: () => model.getValue(),
    setText(text) {
      if (text === model.getValue()) return;
      model.setValue(text);
      // A new draft starts at its top, not where the old one was scrolled to.
      editor.setPosition({ lineNumber: 1, column: 1 });
      editor.setScrollTop(0);
    },
    setProblems(problems) {
      monaco.editor.setModelMarkers(
        model,
        MARKER_OWNER,
        problems.map((p) => {
          const line = Math.min(Math.max(p.line ?? 1, 1), model.getLineCount());
          const column = Math.min(Math.max(p.column ?? 1, 1), model.getLineMaxColumn(line));
          // Underline the word at the error, or the rest of the line.
          const word = model.getWordAtPosition({ lineNumber: line, column });
          const end =
            word && word.endColumn > column ? word.endColumn : model.getLineMaxColumn(line);
          return {
            severity: monaco.MarkerSeverity.Error,
            message: p.path ? `${p.path}: ${p.message}` : p.message,
            source: 'Mailroot Lab',
            startLineNumber: line,
            startColumn: column,
            endLineNumber: line,
            endColumn: Math.max(end, column + 1),
          };
        }),
      );
    },
    goTo(line, column) {
      const position = { lineNumber: line, column };
      editor.setPosition(position);
      editor.revealPositionInCenter(position);
      editor.focus();
    },
    setLabel(label) {
      editor.updateOptions({ ariaLabel: label });
    },
    dispose() {
      changes.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
