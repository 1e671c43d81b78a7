/**
 * Self-hosted runners behind a proxy: the action's GitHub client (built without @actions/github)
 * still sends every request through `http_proxy`/`https_proxy` and honours `no_proxy`, the way
 * @actions/http-client decides. A local proxy tunnels to the fake GitHub server and records what
 * it carried.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';

/** A name that never resolves: only the proxy can reach it. */
const API_URL = 'http://api.ghes.invalid/api/v3';

interface Proxy {
  url: string;
  /** `CONNECT host:port` targets and absolute-form request URLs, in order. */
  carried: string[];
  close(): Promise<void>;
}

/** An HTTP proxy (CONNECT tunnels and absolute-form requests), forwarding everything to `target`. */
async function startProxy(target: URL): Promise<Proxy> {
  const carried: string[] = [];
  const port = Number(target.port);
  const server: Server = createServer((req, res) => {
    carried.push(req.url ?? '');
    const url = new URL(req.url ?? '/');
    const upstream = httpRequest(
      {
        host: target.hostname,
        port,
        path: url.pathname + url.search,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    carried.push(`CONNECT ${req.url ?? ''}`);
    const upstream = connect(port, target.hostname, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    carried,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PROXY_VARIABLES = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'no_proxy',
  'NO_PROXY',
];

describe('createGitHubClient behind a proxy', () => {
  let github: GitHubServer;
  let proxy: Proxy;
  let saved: Record<string, string | undefined>;
  beforeEach(async () => {
    saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
    for (const name of PROXY_VARIABLES) delete process.env[name];
    github = await startGitHubServer({ pathPrefix: '/api/v3' });
    proxy = await startProxy(new URL(github.url));
  });
  afterEach(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await proxy.close();
    await github.close();
  });

  it('sends the requests through http_proxy', async () => {
    process.env.http_proxy = proxy.url;
    const octokit = createGitHubClient('token', API_URL, { millisecondsPerSecond: 10 });
    const { data } = await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'shop',
      issue_number: 7,
      body: 'through the proxy',
    });
    expect(data.body).toBe('through the proxy');
    expect(github.state.comments).toHaveLength(1);
    expect(proxy.carried.length).toBeGreaterThan(0);
    expect(proxy.carried.every((c) => c.includes('api.ghes.invalid'))).toBe(true);
    expect(github.state.violations).toEqual([]);
  });

  it('goes direct for a host in no_proxy (and then cannot reach a name only the proxy knows)', async () => {
    process.env.http_proxy = proxy.url;
    process.env.no_proxy = 'api.ghes.invalid';
    const octokit = createGitHubClient('token', API_URL, { millisecondsPerSecond: 1 });
    await expect(
      octokit.rest.issues.createComment({
        owner: 'acme',
        repo: 'shop',
        issue_number: 7,
        body: 'x',
      }),
    ).rejects.toThrow();
    expect(proxy.carried).toEqual([]);
  });
});
