/**
 * Sends the writes queued by `queue` in one round trip with this add-in's events off, so that its own writes do
 * not re-trigger its change handler (context.runtime.enableEvents, ExcelApi 1.8). If the batch fails, events are
 * turned back on before the error goes up to the task pane.
 */
export async function writeWithEventsOff(context: Excel.RequestContext, queue: () => void): Promise<void> {
  context.runtime.enableEvents = false;
  queue();
  context.runtime.enableEvents = true;
  try {
    await context.sync();
  } catch (error) {
    context.runtime.enableEvents = true;
    await context.sync();
    throw error;
  }
}
