// What a person sees: the packaged extension in the real workbench (headless Chromium), signed
// in through the UI; time from pressing Enter on "Sinch Numbers: Refresh" until a row of the
// new data (the datasets alternate; their application keys differ) is visible in the view.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installExtension } from '../test/harness/install';
import { Workbench } from '../test/harness/workbench';
import { demo, largeScale, type ScaleOptions, type Simulator } from '../test/simulator';
import { timing, type Row } from './report';

const RUNS = 5;

/** Matches an application row of the simulator's current data (keys shown shortened to 8 characters, as nodes.ts does). */
function applicationRows(sim: Simulator): RegExp {
  const keys = new Set<string>();
  for (const n of sim.state.listNumbers(demo.orgId))
    if (n.applicationKey) keys.add(n.applicationKey.toLowerCase().slice(0, 8));
  return new RegExp([...keys].join('|'));
}

async function refreshUntilVisible(wb: Workbench, row: RegExp): Promise<number> {
  await wb.page.keyboard.press('F1');
  await wb.quickInput().fill('>Sinch Numbers: Refresh');
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Sinch Numbers: Refresh' }).first().waitFor();
  const started = performance.now();
  await wb.page.keyboard.press('Enter');
  await wb.treeRow(row).waitFor({ state: 'visible', timeout: 60_000 });
  return performance.now() - started;
}

export async function browserTimings(sim: Simulator, settings: Record<string, unknown>): Promise<Row[]> {
  const { startVSCodeServer, ensureVSCodeServer, writeMachineSettings } =
    await import('../test/harness/vscodeServer.mjs');
  const { launchChromium } = await import('../test/harness/browser.mjs');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sinch-bench-'));
  const dataDir = path.join(tmp, 'data');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  writeMachineSettings(dataDir, {
    ...settings,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
  });
  await installExtension(extensionsDir, dataDir, ensureVSCodeServer());
  const server = await startVSCodeServer({ dataDir, extensionsDir });
  const browser = await launchChromium();
  try {
    sim.reset('demo');
    const wb = await Workbench.open(browser, server.url, workspace, 'bench');
    await wb.openContainer('Sinch Numbers');
    await wb.runCommand('Sinch Numbers: Sign In');
    await wb.waitForQuickInput(/email address or phone number/);
    await wb.typeAndEnter(demo.user.email);
    await wb.waitForQuickInput(/password of/);
    await wb.typeAndEnter(demo.user.password);
    await wb.treeRow(applicationRows(sim)).waitFor({ timeout: 60_000 });

    // Alternate with the demo dataset, so every Refresh brings rows that were not on screen
    // before (the scale datasets share their first application keys).
    const demoTimes: number[] = [];
    const datasets: Array<{ label: string; scale: ScaleOptions; times: number[] }> = [
      { label: '20,000 numbers in 200 applications', scale: { numbers: 20_000, applications: 200 }, times: [] },
      {
        label: '100,000 numbers in 1,000 applications',
        scale: { numbers: 100_000, applications: 1_000, pool: 25_000 },
        times: [],
      },
      { label: '200,000 numbers in 2,000 applications', scale: largeScale, times: [] },
    ];
    for (let i = 0; i < RUNS; i++) {
      for (const d of datasets) {
        sim.reset('scale', d.scale);
        d.times.push(await refreshUntilVisible(wb, applicationRows(sim)));
        if (i === 0) await wb.screenshot(`scale-${d.scale.numbers}`);
        sim.reset('demo');
        demoTimes.push(await refreshUntilVisible(wb, applicationRows(sim)));
      }
    }
    const detail = `Enter on "Sinch Numbers: Refresh" in the palette until a row of the new data is visible (Playwright, ${browser.version()})`;
    return [
      timing('tree (browser)', 'Refresh → rows visible, demo dataset', demoTimes, undefined, detail),
      ...datasets.map((d) =>
        timing('tree (browser)', `Refresh → rows visible, ${d.label}`, d.times, undefined, detail),
      ),
    ];
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
