package io.docpipe.runtime;

/**
 * The life of every docpipe service, in one place. {@link #start()}: the ops endpoint (metrics, health) first,
 * so the service is live at once; then {@link #open}, what needs no other component (clients, health checks,
 * meters); then {@link #setUp}, what needs Kafka, the registry or OpenSearch (topics, schemas, then the work
 * itself), retried with back-off on a thread of its own until it succeeds, the service live but not ready
 * meanwhile. {@link #close()}: the set-up is stopped, {@link #shutDown} stops the work and closes the clients
 * (never at the same time as a set-up step), and the ops endpoint goes last. A second close does nothing more.
 */
public abstract class PipelineService implements ServiceMain.Service {
  private final String name;
  private final OpsSettings opsSettings;
  private volatile OpsServer ops;
  private volatile StartupRetry setup;
  private boolean closed;

  protected PipelineService(String name, OpsSettings opsSettings) {
    this.name = name;
    this.opsSettings = opsSettings;
  }

  @Override
  public final void start() throws Exception {
    ops = new OpsServer(name, opsSettings.host(), opsSettings.port());
    open(ops);
    setup = StartupRetry.of(name, this::setUpOnce);
    setup.start();
  }

  /** Opens what needs no other component and registers health checks and meters on {@code ops}. */
  protected abstract void open(OpsServer ops) throws Exception;

  /**
   * Sets up what needs the other components and starts the work; retried from the start after an exception.
   * Runs while holding this service's lock, so never beside {@link #shutDown}.
   */
  protected abstract void setUp() throws Exception;

  /** Stops the work and closes the clients; must cope with a set-up that never ran or stopped half-way. */
  protected abstract void shutDown();

  private synchronized void setUpOnce() throws Exception {
    if (!stopping()) {
      setUp();
    }
  }

  /** True once the service is closing: a set-up step should not start anything more. */
  protected final boolean stopping() {
    StartupRetry retry = setup;
    return retry != null && retry.isStopping();
  }

  /** The ops endpoint, once started. */
  protected final OpsServer ops() {
    return ops;
  }

  /** Port of the ops endpoint (metrics, health), once started. */
  public final int opsPort() {
    return ops.port();
  }

  public final boolean isReady() {
    OpsServer server = ops;
    return server != null && server.isReady();
  }

  @Override
  public final void close() {
    StartupRetry retry = setup;
    if (retry != null) {
      retry.close();
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      shutDown();
      if (ops != null) {
        ops.close();
      }
    }
  }
}
