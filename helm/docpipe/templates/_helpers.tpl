{{/* Names: <release>-docpipe unless the release name already contains "docpipe". */}}
{{- define "docpipe.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "docpipe.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: docpipe
{{- end -}}

{{/* Selector labels of one component: include "docpipe.selectorLabels" (list $ "ingest") */}}
{{- define "docpipe.selectorLabels" -}}
{{- $ := index . 0 -}}
app.kubernetes.io/name: {{ $.Chart.Name }}
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "docpipe.image" -}}
{{- $ := index . 0 -}}
{{- printf "%s%s:%s" $.Values.image.repository (index . 1) (default $.Chart.AppVersion $.Values.image.tag) -}}
{{- end -}}

{{/* Settings every service shares: Kafka, the registry, topics, and credentials from the existing Secret. */}}
{{- define "docpipe.commonEnv" -}}
- name: DOCPIPE_KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" .Values.kafka.bootstrapServers | quote }}
{{- range $key, $value := .Values.kafka.settings }}
- name: {{ printf "DOCPIPE_KAFKA_%s" ($key | upper | replace "." "_" | replace "-" "_") }}
  value: {{ $value | toString | quote }}
{{- end }}
- name: DOCPIPE_REGISTRY_URL
  value: {{ required "registry.url is required" .Values.registry.url | quote }}
- name: DOCPIPE_TOPICS_PARTITIONS
  value: {{ .Values.topics.partitions | quote }}
- name: DOCPIPE_TOPICS_REPLICATION_FACTOR
  value: {{ .Values.topics.replicationFactor | quote }}
{{- with .Values.existingSecret }}
{{- include "docpipe.secretEnv" (list . "DOCPIPE_KAFKA_SASL_JAAS_CONFIG" "kafka-sasl-jaas-config") }}
{{- include "docpipe.secretEnv" (list . "DOCPIPE_REGISTRY_BASIC_AUTH_USER" "registry-username") }}
{{- include "docpipe.secretEnv" (list . "DOCPIPE_REGISTRY_BASIC_AUTH_PASSWORD" "registry-password") }}
{{- end }}
{{- end -}}

{{/* One variable from a key of the existing Secret; optional, so the Secret may hold only some keys. */}}
{{- define "docpipe.secretEnv" }}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ index . 0 }}
      key: {{ index . 2 }}
      optional: true
{{- end -}}

{{/* The ops port's bind address, port and the JVM options of a component: (list $ "ingest" .Values.ingest) */}}
{{- define "docpipe.opsEnv" -}}
{{- $component := index . 1 -}}
{{- $values := index . 2 -}}
- name: {{ printf "DOCPIPE_%s_OPS_HOST" (upper $component) }}
  value: "0.0.0.0"
- name: {{ printf "DOCPIPE_%s_OPS_PORT" (upper $component) }}
  value: {{ $values.opsPort | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ $values.javaOpts | quote }}
{{- range $name, $value := $values.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{- define "docpipe.probes" -}}
{{- $ := index . 0 -}}
startupProbe:
  httpGet: {path: /health/live, port: ops}
  {{- toYaml $.Values.probes.startup | nindent 2 }}
livenessProbe:
  httpGet: {path: /health/live, port: ops}
  {{- toYaml $.Values.probes.liveness | nindent 2 }}
readinessProbe:
  httpGet: {path: /health/ready, port: ops}
  {{- toYaml $.Values.probes.readiness | nindent 2 }}
{{- end -}}

{{/* What every docpipe pod spec shares. */}}
{{- define "docpipe.podCommon" -}}
{{- $ := index . 0 -}}
{{- $values := index . 1 -}}
enableServiceLinks: false
automountServiceAccountToken: false
securityContext:
  {{- toYaml $.Values.podSecurityContext | nindent 2 }}
{{- with $.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
