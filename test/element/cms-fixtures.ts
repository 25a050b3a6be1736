/** A file of test/element/fixtures/cms (see its README), as text. */
export function cmsFixture(name: string): Promise<string> {
  return fetch(new URL(`./fixtures/cms/${name}`, import.meta.url)).then((response) => {
    if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
    return response.text();
  });
}
