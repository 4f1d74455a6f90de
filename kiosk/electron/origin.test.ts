import { describe, expect, it } from 'vitest';
import { httpOrigin, isSetupPageUrl, sameOrigin } from './origin';

const SERVER = 'https://server.example.com';

describe('sameOrigin', () => {
  it.each([
    'https://server.example.com',
    'https://server.example.com/',
    'https://server.example.com/kiosk/#token=abc',
    'https://server.example.com:443/kiosk/',
    'https://SERVER.Example.COM/kiosk/',
    'https://server.example.com/kiosk/../api/v1/tickets?x=1',
  ])('accepts %s', (url) => {
    expect(sameOrigin(url, SERVER)).toBe(true);
  });

  it.each([
    ['a longer host ending elsewhere', 'https://server.example.com.evil.com/kiosk/'],
    ['the server as user name', 'https://server@evil.com/'],
    ['the server as user name and password', 'https://server.example.com:443@evil.com/'],
    ['user info in front of the right host', 'https://user:pass@server.example.com/'],
    ['another port', 'https://server.example.com:8443/'],
    ['plain http', 'http://server.example.com/'],
    ['a subdomain', 'https://kiosk.server.example.com/'],
    ['javascript:', 'javascript:alert(document.domain)'],
    ['javascript: naming the server', 'javascript://server.example.com/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<h1>hi</h1>'],
    ['about:blank', 'about:blank'],
    ['a relative path', '/kiosk/'],
    ['garbage', 'not a url'],
    ['empty', ''],
    ['the setup page', 'jiaohao://setup/setup.html'],
  ])('refuses %s', (_what, url) => {
    expect(sameOrigin(url, SERVER)).toBe(false);
  });

  it('compares with a server on a LAN address and port', () => {
    const lan = 'http://192.168.1.10:8080';
    expect(sameOrigin('http://192.168.1.10:8080/kiosk/', lan)).toBe(true);
    expect(sameOrigin('http://192.168.1.10/kiosk/', lan)).toBe(false);
    expect(sameOrigin('http://192.168.1.100:8080/kiosk/', lan)).toBe(false);
    expect(sameOrigin('http://3232235786:8080/kiosk/', lan)).toBe(true); // the same address as one number
  });

  it('is never true when the server address itself is unusable', () => {
    expect(sameOrigin('file:///x', 'file:///x')).toBe(false);
    expect(sameOrigin('javascript:1', 'javascript:1')).toBe(false);
    expect(sameOrigin('', '')).toBe(false);
  });
});

describe('httpOrigin', () => {
  it('normalises what the browser normalises', () => {
    expect(httpOrigin('HTTP://Server.Example.com:80/a?b#c')).toBe('http://server.example.com');
    expect(httpOrigin('https://臺中.example/')).toBe('https://xn--fiqt67j.example');
    expect(sameOrigin('https://臺中.example/kiosk/', 'https://xn--fiqt67j.example')).toBe(true);
  });
});

describe('isSetupPageUrl', () => {
  it('knows its own page and nothing else', () => {
    expect(isSetupPageUrl('jiaohao://setup/setup.html')).toBe(true);
    expect(isSetupPageUrl('jiaohao://setup/setup.js')).toBe(true);
    expect(isSetupPageUrl('jiaohao://evil/setup.html')).toBe(false);
    expect(isSetupPageUrl('jiaohao://setup@evil/setup.html')).toBe(false);
    expect(isSetupPageUrl('jiaohao://setup:1/setup.html')).toBe(false);
    expect(isSetupPageUrl('https://setup/setup.html')).toBe(false);
    expect(isSetupPageUrl('file:///setup.html')).toBe(false);
  });
});
