import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Route } from '../core/http.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * GraphiQL served from the installed npm packages (react, react-dom, graphiql): no CDN, so it works on a
 * closed government network. Assets are read once and cached in memory.
 */
const assets: Record<string, { type: string; path: string }> = {
  '/graphiql/react.production.min.js': {
    type: 'text/javascript',
    path: join(packageDir('react'), 'umd/react.production.min.js'),
  },
  '/graphiql/react-dom.production.min.js': {
    type: 'text/javascript',
    path: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  },
  '/graphiql/graphiql.min.js': {
    type: 'text/javascript',
    path: join(packageDir('graphiql'), 'graphiql.min.js'),
  },
  '/graphiql/graphiql.min.css': { type: 'text/css', path: join(packageDir('graphiql'), 'graphiql.min.css') },
};
const cache = new Map<string, Buffer>();

function page(defaultQuery: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>巴中税费治理协同枢纽 · GraphiQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.min.css">
</head>
<body style="margin:0">
<div id="graphiql" style="height:100vh"></div>
<script src="/graphiql/react.production.min.js"></script>
<script src="/graphiql/react-dom.production.min.js"></script>
<script src="/graphiql/graphiql.min.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: location.pathname });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(defaultQuery).replaceAll('<', '\\u003c')} }),
  );
</script>
</body>
</html>`;
}

/** A browser's GET of /graphql (Accept: text/html, no query) gets GraphiQL; assets under /graphiql/. */
export function graphiqlRoute(defaultQuery: string): Route {
  const html = page(defaultQuery);
  return (req, res, url) => {
    if (req.method !== 'GET') return false;
    const asset = assets[url.pathname];
    if (asset) {
      let body = cache.get(url.pathname);
      if (!body) cache.set(url.pathname, (body = readFileSync(asset.path)));
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
      res.end(body);
      return true;
    }
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (url.pathname === '/graphql' && wantsHtml && !url.searchParams.has('query')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return true;
    }
    return false;
  };
}
