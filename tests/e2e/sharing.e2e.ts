import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { GOOD_PROGRAM, runToEnd, setCode, sinkValues, visibleCode } from './workbench';

describe('sharing a sandbox', () => {
  const { start } = useBrowser();

  it('opens a link as a new sandbox of the recipient, whose own work stays as it was', async () => {
    // The sender: a sandbox with their code and seed.
    const sender = await start({ permissions: ['clipboard-read', 'clipboard-write'] });
    await sender.open('#/sandbox');
    await setCode(sender.page, GOOD_PROGRAM);
    await sender.page.locator('[data-save-state="saved"]').waitFor();
    const seed = sender.page.getByRole('textbox', { name: 'Seed' });
    await seed.fill('7');
    await seed.press('Enter');
    await sender.page.getByRole('button', { name: 'Share' }).click();
    await sender.page.getByRole('button', { name: 'Copy link' }).click();
    await sender.page.getByText('Copied.').waitFor();
    const link = await sender.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await sender.page.getByRole('textbox', { name: 'Share link' }).inputValue());
    expect(link).toMatch(/#\/sandbox\/shared\/1\.[A-Za-z0-9_-]+$/);

    // The recipient, in a browser profile of their own, already has a sandbox with their code.
    const recipient = await start();
    await recipient.open('#/sandbox');
    await setCode(recipient.page, GOOD_PROGRAM.replace('10, 20, 30', '1, 2'));
    await recipient.page.locator('[data-save-state="saved"]').waitFor();
    const own = recipient.page.url();

    await recipient.page.goto(link);
    await recipient.page.locator('[data-editor-status="ready"]').waitFor();
    expect(recipient.page.url()).toMatch(/#\/sandbox\/[a-z0-9]{12}$/);
    expect(recipient.page.url()).not.toBe(own);
    expect(await visibleCode(recipient.page)).toContain('fromElements(10, 20, 30)');
    expect(await recipient.page.getByRole('textbox', { name: 'Seed' }).inputValue()).toBe('7');
    expect(await runToEnd(recipient.page)).toBe('finished');
    expect(await sinkValues(recipient.page, 'good')).toEqual(['31', '21', '11']);

    // A reload opens the same sandbox, not another copy; their own sandbox is untouched.
    await recipient.page.reload();
    await recipient.page.locator('[data-editor-status="ready"]').waitFor();
    await recipient.open('#/sandboxes');
    const items = recipient.page.getByRole('list', { name: 'Your sandboxes' }).locator('li a.name');
    await expect.poll(() => items.count()).toBe(2);
    await recipient.page.goto(own);
    await recipient.page.locator('[data-editor-status="ready"]').waitFor();
    expect(await visibleCode(recipient.page)).toContain('fromElements(1, 2)');
  });

  it('embeds a sandbox or a lesson figure alone, for slides', async () => {
    const { page, open } = await start({ permissions: ['clipboard-read', 'clipboard-write'] });
    await open('#/sandbox');
    await setCode(page, GOOD_PROGRAM);
    await page.locator('[data-save-state="saved"]').waitFor();
    await page.getByRole('button', { name: 'Share' }).click();
    const code = await page.getByRole('textbox', { name: /For slides/ }).inputValue();
    const src = /src="([^"]+)"/.exec(code)?.[1] ?? '';
    expect(src).toMatch(/#\/embed\/sandbox\/1\./);

    // The sandbox alone: no header or sidebar, runs, and is not added to the viewer's sandboxes.
    await page.goto(src);
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(await page.locator('header .brand').count()).toBe(0);
    expect(await runToEnd(page)).toBe('finished');
    expect(await sinkValues(page, 'good')).toEqual(['31', '21', '11']);
    await open('#/sandboxes');
    const items = page.getByRole('list', { name: 'Your sandboxes' }).locator('li a.name');
    await expect.poll(() => items.count()).toBe(1);

    // A lesson figure alone: the figure offers its iframe; the embed shows its sliders and chart.
    await open('#/learn/event-time-and-processing-time');
    await page.getByRole('button', { name: 'Copy embed code' }).first().click();
    await page.getByText('Copied.').waitFor();
    const iframe = await page.evaluate(() => navigator.clipboard.readText());
    const figureSrc = /src="([^"]+)"/.exec(iframe)?.[1] ?? '';
    expect(figureSrc).toMatch(/#\/embed\/figure\/event-time-and-processing-time\/delay-and-bound$/);
    await page.goto(figureSrc);
    await page.locator('.figure input[type="range"]').first().waitFor();
    await page.getByText(/windows fired/).waitFor();
    // No embed code inside an embed.
    expect(await page.getByRole('button', { name: 'Copy embed code' }).count()).toBe(0);
    expect(await page.locator('header .brand').count()).toBe(0);
  });

  it('says when a link was cut short', async () => {
    const { page, open } = await start();
    await open('#/sandbox/shared/1.AAAAAAAAbm90IGEgc2FuZGJveA');
    await page.getByRole('heading', { name: 'This share link does not open' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/cut short|changed on the way/);
  });

  it('offers a file for a sandbox too big for a link, and imports it elsewhere', async () => {
    const sender = await start();
    await sender.open('#/sandbox');
    // About 30 kB of code that does not compress away: too long for a link.
    const noise = Array.from(
      { length: 1500 },
      (_, i) => `// ${(i * 7919).toString(36)}${Math.sin(i).toString(36)}`,
    ).join('\n');
    await setCode(sender.page, `${GOOD_PROGRAM}${noise}\n`);
    await sender.page.locator('[data-save-state="saved"]').waitFor();
    await sender.page.getByRole('button', { name: 'Share' }).click();
    await sender.page.getByText(/too big for a link/).waitFor();
    const [download] = await Promise.all([
      sender.page.waitForEvent('download'),
      sender.page.getByRole('button', { name: 'Save as file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('streamlab-sandbox-1.json');
    const path = await download.path();

    const recipient = await start();
    await recipient.open('#/sandboxes');
    await recipient.page.getByLabel('Sandboxes file to import').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "format": "streamlab-sandboxes",\n  "version": 1,\n  oops\n}'),
    });
    await recipient.page
      .getByText(/broken\.json: This file is not valid JSON at line 4, column 3/)
      .waitFor();

    await recipient.page.getByLabel('Sandboxes file to import').setInputFiles(path);
    await recipient.page.getByText(/Imported 1 sandbox from/).waitFor();
    await recipient.page.getByRole('link', { name: 'Sandbox 1' }).click();
    await recipient.page.locator('[data-editor-status="ready"]').waitFor();
    expect(await visibleCode(recipient.page)).toContain('fromElements(10, 20, 30)');
    expect((await readFile(path, 'utf8')).length).toBeGreaterThan(30_000);
  });
});
