// Lets a child process `require` the TypeScript sources directly (the crash test's writer),
// transpiling each file on load as ts-jest does for the tests themselves.
const ts = require('typescript');
const fs = require('node:fs');

// Probe .ts before .json: `./working-day-calendar` must not resolve to the data file beside it.
const later = ['.json', '.node'].map((ext) => [ext, require.extensions[ext]]);
for (const [ext] of later) delete require.extensions[ext];

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
    fileName: filename,
  });
  module._compile(outputText, filename);
};

for (const [ext, handler] of later) require.extensions[ext] = handler;
