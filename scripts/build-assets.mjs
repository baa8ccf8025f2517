// Builds the public site's styles and scripts into src/SafeguardingSite.Web/wwwroot/dist.
// Run by `npm run build`, and by the web project's build when the output is missing or older than its sources.
import * as esbuild from 'esbuild';

const options = {
  entryPoints: {
    site: 'src/SafeguardingSite.Web/Assets/site.js',
    styles: 'src/SafeguardingSite.Web/Assets/site.css',
    print: 'src/SafeguardingSite.Web/Assets/print.css',
  },
  outdir: 'src/SafeguardingSite.Web/wwwroot/dist',
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  logLevel: 'info',
};

if (process.argv.includes('--watch')) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
