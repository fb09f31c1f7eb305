/**
 * dmn-moddle reads DMN 1.3 only, while Camunda Modeler has written DMN 1.1 and 1.2 files (and 1.3
 * with an http: namespace). Their decision tables and literal expressions have the same shape, so
 * lifting the namespace URIs to 1.3 is enough to read them.
 */
const DMN13_MODEL = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const DMN13_DMNDI = 'https://www.omg.org/spec/DMN/20191111/DMNDI/';

const OLDER_NAMESPACES: Record<string, string> = {
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd': DMN13_MODEL,
  'http://www.omg.org/spec/DMN/20180521/MODEL/': DMN13_MODEL,
  'http://www.omg.org/spec/DMN/20191111/MODEL/': DMN13_MODEL,
  'http://www.omg.org/spec/DMN/20180521/DMNDI/': DMN13_DMNDI,
  'http://www.omg.org/spec/DMN/20191111/DMNDI/': DMN13_DMNDI,
};

/** The XML with namespace declarations of DMN 1.1 and 1.2 rewritten to DMN 1.3; nothing else changes. */
export function liftToDmn13Namespaces(xml: string): string {
  return xml.replace(/(\sxmlns(?::[\w.-]+)?\s*=\s*)(["'])([^"']*)\2/g, (declaration, prefix: string, quote: string, uri: string) => {
    const lifted = OLDER_NAMESPACES[uri];
    return lifted ? `${prefix}${quote}${lifted}${quote}` : declaration;
  });
}
