import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

/**
 * The personal chat with the bot in the Agents Playground web UI, driven the way a user would: typing in
 * the message box and reading and filling adaptive cards by their visible texts and labels.
 */
export class PlaygroundChat {
  private constructor(
    readonly page: Page,
    private readonly artifactsDir: string,
  ) {}

  static async open(context: BrowserContext, url: string, artifactsDir: string): Promise<PlaygroundChat> {
    mkdirSync(artifactsDir, { recursive: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(url);
    const chat = new PlaygroundChat(page, artifactsDir);
    await chat.messageBox().waitFor();
    return chat;
  }

  /** The Playground's message box (a rich-text editor, not an <input>). */
  messageBox(): Locator {
    return this.page.locator('[contenteditable="true"][role="textbox"]');
  }

  async say(text: string): Promise<void> {
    await this.messageBox().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * The newest card titled `title` (a heading) with the action button `action`: the innermost element
   * holding both. Inputs carry buttons of their own (a combobox's "Open"), so the action is named.
   */
  card(title: string, action: string): Locator {
    return this.page
      .locator('div')
      .filter({ has: this.page.getByRole('heading', { name: title, exact: true }) })
      .filter({ has: this.page.getByRole('button', { name: action, exact: true }) })
      .last();
  }

  /** Picks an option in an adaptive-card ChoiceSet, which the Playground renders as a Fluent combobox. */
  async choose(scope: Locator, label: string, option: string, typed?: string): Promise<void> {
    const box = scope.getByRole('combobox', { name: label, exact: true });
    await box.click();
    if (typed !== undefined) await box.pressSequentially(typed);
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Types an ISO date into an Input.Date, which the Playground renders as a Fluent date picker. */
  async enterDate(scope: Locator, label: string, isoDate: string): Promise<void> {
    const box = scope.getByRole('combobox', { name: label, exact: true });
    await box.fill(isoDate);
    await box.press('Tab');
  }

  /**
   * Saves a screenshot of `target` (a card) or of the window as test-artifacts/browser/<name>.png. The
   * chat is a scroll pane, so the window is made tall enough for the whole card first, then restored.
   */
  async shoot(name: string, target?: Locator): Promise<void> {
    const path = join(this.artifactsDir, `${name}.png`);
    if (!target) {
      await this.page.screenshot({ path });
      return;
    }
    const viewport = this.page.viewportSize();
    const height = await target.evaluate((element) => element.scrollHeight);
    if (viewport && height + 400 > viewport.height) await this.page.setViewportSize({ width: viewport.width, height: height + 400 });
    try {
      await target.screenshot({ path });
    } finally {
      if (viewport) await this.page.setViewportSize(viewport);
    }
  }
}
