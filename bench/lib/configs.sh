# Writes the configuration files of the targets into the run's temporary folder. Sourced by run.sh.

# write_proxy_json FILE BACKEND_PORT: the one catch-all route to the backend, as bare YARP reads it.
# The route names no AuthorizationPolicy: bare YARP has no authorization, and the gateway's fallback policy
# makes such a route require a valid token.
write_proxy_json() {
  local file=$1 backend_port=$2
  cat >"$file" <<JSON
{
  "ReverseProxy": {
    "Routes": {
      "app": { "ClusterId": "backend", "Match": { "Path": "{**catch-all}" } }
    },
    "Clusters": {
      "backend": { "Destinations": { "local": { "Address": "http://127.0.0.1:${backend_port}/" } } }
    }
  }
}
JSON
}

# write_gateway_json FILE BACKEND_PORT DATA_DIR: the same route plus the gateway's own section.
# The rate limit is off: the login benchmarks post far more than a person would.
write_gateway_json() {
  local file=$1 backend_port=$2 data_dir=$3
  cat >"$file" <<JSON
{
  "Gateway": {
    "PathPrefix": "/auth",
    "DataPath": "${data_dir}",
    "AllowedHosts": [ "127.0.0.1" ],
    "RateLimit": { "AttemptsPerMinute": 0 }
  },
  "ReverseProxy": {
    "Routes": {
      "app": { "ClusterId": "backend", "Match": { "Path": "{**catch-all}" } }
    },
    "Clusters": {
      "backend": { "Destinations": { "local": { "Address": "http://127.0.0.1:${backend_port}/" } } }
    }
  }
}
JSON
}

# write_nginx_conf FILE DIR LISTEN_PORT BACKEND_PORT: nginx as a plain reverse proxy with keep-alive to the backend,
# every path it writes (pid, logs, temp files) inside DIR. No access log: bare YARP logs no request either.
write_nginx_conf() {
  local file=$1 dir=$2 port=$3 backend_port=$4 user_line=""
  mkdir -p "$dir"/{client_body,proxy,fastcgi,uwsgi,scgi}
  # Run as root, nginx would hand its workers to "nobody", who cannot write in our temp folder.
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  cat >"$file" <<CONF
${user_line}
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream backend {
    server 127.0.0.1:${backend_port};
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
}
