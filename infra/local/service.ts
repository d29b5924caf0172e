/** A service the local instance started (or was pointed at), and how to stop it. */
export interface RunningService {
  endpoint: string;
  stop(): Promise<void>;
}
