import { isJsonObject, type JsonObject } from './form-definition.js';
import type { FormLocale } from './form-locale.js';
import { isArrayIndexSegment } from './json-pointer.js';
import type { SchemaNavigator } from './schema-navigator.js';

const rootLabels: Record<FormLocale, string> = { zh: '提交的数据', en: 'The submission' };

/**
 * How a message names the field at `segments`: its title in the locale (`x-title-zh` / `x-title-en`, else
 * `title`, else the property name), preceded by titled parent sections and by the row of any array it sits in,
 * so that 申请人 › 姓名 and 代理人 › 姓名 stay apart and sub-table errors say which row:
 * "材料清单 第2项 › 文件" / "Materials item 2 › File".
 * `failingSchema` is the schema the failing keyword sits in, tried first for the field's own title.
 */
export function fieldLabel(
  navigator: SchemaNavigator,
  data: unknown,
  segments: readonly string[],
  locale: FormLocale,
  failingSchema?: JsonObject,
): string {
  if (segments.length === 0) return titleIn(failingSchema ? [failingSchema] : [], locale) ?? rootLabels[locale];
  const parts: string[] = [];
  let container = data;
  for (const [position, segment] of segments.entries()) {
    const isLast = position === segments.length - 1;
    if (Array.isArray(container) && isArrayIndexSegment(segment)) {
      const row = Number(segment) + 1;
      const rowLabel = locale === 'zh' ? `第${row}项` : `item ${row}`;
      // The array's own label was pushed as the previous part; the row number joins it.
      if (parts.length > 0) parts[parts.length - 1] += ` ${rowLabel}`;
      else parts.push(locale === 'zh' ? rowLabel : capitalise(rowLabel));
      container = container[Number(segment)];
      continue;
    }
    const next = isJsonObject(container) ? container[segment] : undefined;
    const here = segments.slice(0, position + 1);
    const schemas = isLast && failingSchema ? [failingSchema, ...navigator.schemasAt(here, data)] : navigator.schemasAt(here, data);
    const title = titleIn(schemas, locale);
    // Parent objects only add a part when titled; arrays always do, since their rows are numbered.
    if (isLast || title !== undefined || Array.isArray(next)) parts.push(title ?? segment);
    container = next;
  }
  return parts.join(' › ');
}

function titleIn(schemas: readonly JsonObject[], locale: FormLocale): string | undefined {
  for (const keyword of [`x-title-${locale}`, 'title']) {
    for (const schema of schemas) {
      const title = schema[keyword];
      if (typeof title === 'string' && title.trim() !== '') return title.trim();
    }
  }
  return undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
