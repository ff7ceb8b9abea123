import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/content/markdown';

describe('renderMarkdown highlighting', () => {
  it('highlights YAML, so a lesson can show a Compose file', () => {
    const html = renderMarkdown(
      '```yaml\nservices:\n  broker:\n    image: apache/kafka:4.4.0\n```\n',
    );
    expect(html).toContain('class="hljs language-yaml"');
    expect(html).toContain('<span class="hljs-attr">services:</span>');
  });
});
