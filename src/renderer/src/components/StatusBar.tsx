// Shows the app's messages in an ARIA live region.
import { useStatus } from '../hooks/use-status';

export function StatusBar() {
  const { messages, dismiss } = useStatus();
  return (
    <div className="status-bar" role="status" aria-live="polite">
      {messages.map((m) => (
        <div key={m.id} className={`status status-${m.kind}`} role={m.kind === 'error' ? 'alert' : undefined}>
          <span>{m.text}</span>
          {m.action && (
            <button type="button" className="button" onClick={m.action.run}>
              {m.action.label}
            </button>
          )}
          <button type="button" className="link-button" onClick={() => dismiss(m.id)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
