// Builds the public site's styles and scripts into src/SafeguardingSite.Web/wwwroot/dist, and the back office's
// content-editor script with a self-hosted copy of TinyMCE into dist/backoffice (served at /umbraco/assets/editor).
// Run by `npm run build`, and by the web project's build when the output is missing or older than its sources.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const outdir = 'src/SafeguardingSite.Web/wwwroot/dist';

const options = {
  entryPoints: {
    site: 'src/SafeguardingSite.Web/Assets/site.js',
    styles: 'src/SafeguardingSite.Web/Assets/site.css',
    print: 'src/SafeguardingSite.Web/Assets/print.css',
    'backoffice/content-editor': 'src/SafeguardingSite.BackOffice/Assets/content-editor.js',
  },
  outdir,
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  logLevel: 'info',
};

// TinyMCE loads its theme, model, icons, plugins and skin from files next to tinymce.min.js, so those are copied
// as they are (only the parts the editor's configuration uses) rather than bundled.
const tinymceFiles = [
  'tinymce.min.js',
  'license.md',
  'notices.txt',
  'themes/silver/theme.min.js',
  'models/dom/model.min.js',
  'icons/default/icons.min.js',
  ...['lists', 'link', 'table', 'media', 'autoresize'].map((plugin) => `plugins/${plugin}/plugin.min.js`),
  'skins/ui/oxide/skin.min.css',
  'skins/ui/oxide/content.min.css',
  'skins/content/default/content.min.css',
];

function copyTinymce() {
  for (const file of tinymceFiles) {
    const target = join(outdir, 'backoffice/tinymce', file);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join('node_modules/tinymce', file), target);
  }
}

copyTinymce();
if (process.argv.includes('--watch')) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
