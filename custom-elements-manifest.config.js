/**
 * The Custom Elements Manifest (`custom-elements.json`) for editors, linters and docs tools. `npm run build`
 * writes it into the build output; `customElements` in package.json names it (kept by hand, so
 * `packagejson: false`). Only the public modules are analysed, and the result is folded into the one module the
 * package ships, `dist/py-async-run.js`: the sources under src/ are not published.
 */
const BUNDLE = 'dist/py-async-run.js';

export default {
  globs: [
    'src/py-async-run.ts',
    'src/index.ts',
    'src/element/py-async-run-element.ts',
    'src/runtime/config.ts',
  ],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      name: 'py-async-run:public-surface',
      packageLinkPhase({ customElementsManifest: manifest }) {
        const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
        const publicNames = new Set(
          manifest.modules
            .find((module) => module.path === 'src/index.ts')
            .exports.filter((entry) => entry.kind === 'js')
            .map((entry) => entry.name),
        );
        const shipped = declarations.filter((declaration) => publicNames.has(declaration.name));
        for (const declaration of shipped) {
          if (!declaration.customElement) continue;
          declaration.members = declaration.members.filter(
            (member) => member.privacy !== 'private' && member.privacy !== 'protected',
          );
          // Events are declared with @fires, which gives them a description; the analyzer also takes the private
          // dispatch helper's `new CustomEvent(type, …)` for an event named `type`.
          declaration.events = declaration.events.filter((event) => event.description);
        }
        const element = shipped.find((declaration) => declaration.customElement);
        manifest.modules = [
          {
            kind: 'javascript-module',
            path: BUNDLE,
            declarations: shipped,
            exports: [
              ...shipped.map((declaration) => ({
                kind: 'js',
                name: declaration.name,
                declaration: { name: declaration.name, module: BUNDLE },
              })),
              {
                kind: 'custom-element-definition',
                name: element.tagName,
                declaration: { name: element.name, module: BUNDLE },
              },
            ],
          },
        ];
      },
    },
  ],
};
