// monaco-yaml's language worker (validation, completion, hover), bundled by Vite as its own file.
import 'monaco-yaml/yaml.worker.js';
