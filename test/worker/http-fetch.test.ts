import { expect } from '@open-wc/testing';
import { checkHostMap } from '../../src/runtime/config.js';
import { runtimeTips } from '../../src/tips/rules.js';
import { headerCase, mappedURL } from '../../src/worker/http-fetch.js';

describe('the host map', () => {
  const hosts = checkHostMap(
    {
      'httpbin.org': 'http://127.0.0.1:8080',
      'Example.com:8443': 'https://proxy.example/e/',
      'api.test': '/mirror/api',
    },
    'https://page.example/docs/',
  );

  it('keeps host names in lower case and base URLs resolved against the page, without a final slash', () => {
    expect(hosts).to.deep.equal({
      'httpbin.org': 'http://127.0.0.1:8080',
      'example.com:8443': 'https://proxy.example/e',
      'api.test': 'https://page.example/mirror/api',
    });
  });

  it('sends a request to the base URL, followed by its path and query', () => {
    expect(mappedURL('http://httpbin.org/get?a=1', hosts)).to.equal('http://127.0.0.1:8080/get?a=1');
    // A key with a port names that port only; a key without one names every port.
    expect(mappedURL('https://example.com:8443/x', hosts)).to.equal('https://proxy.example/e/x');
    expect(mappedURL('https://example.com/x', hosts)).to.equal('https://example.com/x');
    expect(mappedURL('https://httpbin.org:443/status/418', hosts)).to.equal(
      'http://127.0.0.1:8080/status/418',
    );
    expect(mappedURL('http://other.test/', hosts)).to.equal('http://other.test/');
  });

  it('refuses what is not a map of host names to http(s) base URLs, naming the entry', () => {
    const refusal = (map: unknown) => {
      try {
        checkHostMap(map, 'https://page.example/');
        return null;
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    };
    expect(refusal(['httpbin.org'])).to.equal(
      'hosts-invalid: configure({ hosts }): the map must be an object of host names to base URLs.',
    );
    expect(refusal({ 'https://httpbin.org': 'http://x/' })).to.equal(
      'hosts-invalid: configure({ hosts }): "https://httpbin.org" is not a host name or host:port.',
    );
    expect(refusal({ 'httpbin.org': 8080 })).to.equal(
      'hosts-invalid: configure({ hosts }): "httpbin.org" must map to a base URL (a string).',
    );
    expect(refusal({ 'httpbin.org': 'http://mirror.test/?key=1' })).to.equal(
      'hosts-invalid: configure({ hosts }): "httpbin.org" maps to "http://mirror.test/?key=1": a base URL has ' +
        'no query or fragment.',
    );
    expect(refusal({ '[::1]:8080': 'http://x/' })).to.equal(null);
  });
});

describe('response headers', () => {
  it('are named as HTTP/1.1 servers write them', () => {
    expect(
      ['content-type', 'x-request-id', 'etag', 'www-authenticate', 'date'].map(headerCase),
    ).to.deep.equal(['Content-Type', 'X-Request-Id', 'ETag', 'WWW-Authenticate', 'Date']);
  });
});

describe('the http-refused tip', () => {
  const tip = (reason: string) =>
    runtimeTips({
      error: null,
      stackSwitching: true,
      notes: [{ kind: 'http-refused', reason, name: 'http://example.com/get', line: 9 }],
    }).find((t) => t.id === 'http-refused');

  it('says which refusal it was and what to do, at the line that sent the request', () => {
    expect(tip('cors')?.line).to.equal(9);
    expect(tip('cors')?.message).to.contain('The browser refused to fetch http://example.com/get');
    expect(tip('cors')?.message).to.contain('CORS proxy');
    expect(tip('mixed-content')?.message).to.contain('mixed content');
    expect(tip('csp')?.message).to.contain('connect-src');
    expect(tip('offline')?.message).to.contain('offline');
    expect(tip('network')?.message).to.contain('could not be reached');
  });
});
