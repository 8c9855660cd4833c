# This configuration file will be evaluated by Puma. The top-level methods that
# are invoked here are part of Puma's configuration DSL. For more information
# about methods provided by the DSL, see https://puma.io/puma/Puma/DSL.html.
#
# Puma serves each request in a thread from an internal thread pool. Set
# WEB_CONCURRENCY to run more than one worker process ("auto" starts one per
# processor). Because of CRuby's Global VM Lock, more threads per worker raise
# throughput with diminishing returns and at the cost of latency; 3 is a decent
# compromise for the average Rails application.
#
# Any library that uses a connection pool should be configured to provide at least
# as many connections as the number of threads (see max_connections in database.yml).
threads_count = ENV.fetch("RAILS_MAX_THREADS", 3)
threads threads_count, threads_count

# Specifies the `port` that Puma will listen on to receive requests; default is 3000.
port ENV.fetch("PORT", 3000)

# Allow puma to be restarted by `bin/rails restart` command.
plugin :tmp_restart

# Specify the PID file. Defaults to tmp/pids/server.pid in development.
# In other environments, only set the PID file if requested.
pidfile ENV["PIDFILE"] if ENV["PIDFILE"]
