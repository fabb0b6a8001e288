/** The one card shown when nothing was found: the specific reason and the one action that fixes it. */
export function NoGpuCard({ reason, fix }: { reason: string; fix: string }) {
  return (
    <section className="gpu-card gpu-none" aria-labelledby="no-gpu-title">
      <h2 id="no-gpu-title">No GPU detected, containers will run on CPU</h2>
      <p>{reason}</p>
      <p>
        <strong>What to do:</strong> {fix}
      </p>
    </section>
  );
}
