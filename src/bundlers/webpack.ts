/// <reference types="node" />
/**
 * `py-async-run/webpack`: the webpack 5 plugin (`plugins: [new PyAsyncRunPlugin()]`), for the same reason
 * as the Vite one (vite.ts): webpack merges the bundle into the app's chunks and turns its
 * `import.meta.url` into the `file:` URL of the module on the build machine, so nothing the runtime fetches
 * by URL could be found. The plugin writes the runtime files to `py-async-run/` in the output and points
 * the bundle's `import.meta.url` there, through the output's public path (`auto` by default: wherever the
 * app's script is served from).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Compiler } from 'webpack';
import { ANCHOR_FILE, RUNTIME_FOLDER, isBundleModule, packageDist, runtimeFiles } from './runtime-files.js';

const NAME = 'PyAsyncRunPlugin';

/** The parts of webpack's JavaScript parser the plugin uses (webpack does not export its type). */
interface Parser {
  hooks: {
    expression: {
      for(name: string): {
        tap(
          options: { name: string; stage: number },
          replace: (expression: Expression) => true | undefined,
        ): void;
      };
    };
  };
  state: { module?: { resource?: string; addPresentationalDependency(dependency: unknown): void } };
}

/** An expression the parser met: where it is in the module's source. */
interface Expression {
  range?: [number, number];
}

/** The webpack plugin: see the module's comment. Takes no options. */
export default class PyAsyncRunPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources, dependencies, RuntimeGlobals } = compiler.webpack;
    const dist = packageDist();
    const anchor = `${RUNTIME_FOLDER}/${ANCHOR_FILE}`;
    // webpack reads `new URL(name, import.meta.url)` as an asset to bundle; the bundle's names are runtime
    // values (a warning, and a context module of every file beside it), and its files are emitted below.
    compiler.options.module.rules.push({
      test: (resource: string) => isBundleModule(dist, resource),
      parser: { url: false },
    });
    compiler.hooks.thisCompilation.tap(NAME, (compilation, { normalModuleFactory }) => {
      compilation.hooks.processAssets.tap(
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          // Built and minified already: `minimized` keeps webpack's minifier off them (a minute for Pyodide).
          for (const name of runtimeFiles(dist)) {
            compilation.emitAsset(
              `${RUNTIME_FOLDER}/${name}`,
              new sources.RawSource(readFileSync(join(dist, name))),
              { minimized: true },
            );
          }
        },
      );
      const replaceImportMetaUrl = (parser: Parser) => {
        parser.hooks.expression
          .for('import.meta.url')
          .tap({ name: NAME, stage: -10 }, (expression: Expression) => {
            const module = parser.state.module;
            const resource = module?.resource?.split('?')[0];
            if (!module || !resource || !expression.range || !isBundleModule(dist, resource))
              return undefined;
            const code = `new URL(${JSON.stringify(anchor)}, new URL(${RuntimeGlobals.publicPath}, location.href)).href`;
            const dependency = new dependencies.ConstDependency(code, expression.range, [
              RuntimeGlobals.publicPath,
            ]);
            module.addPresentationalDependency(dependency);
            return true;
          });
      };
      for (const type of ['javascript/auto', 'javascript/esm'])
        // The hook hands JavaScript parsers for these types: webpack types them as any parser.
        normalModuleFactory.hooks.parser
          .for(type)
          .tap(NAME, (parser) => replaceImportMetaUrl(parser as unknown as Parser));
    });
  }
}
