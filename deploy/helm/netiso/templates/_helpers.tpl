{{/*
Names.
*/}}
{{- define "netiso.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "netiso.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "netiso.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "netiso.labels" -}}
helm.sh/chart: {{ include "netiso.chart" . }}
{{ include "netiso.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | toString | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: netiso
{{- end }}

{{- define "netiso.selectorLabels" -}}
app.kubernetes.io/name: {{ include "netiso.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: webhook
{{- end }}

{{- define "netiso.serviceAccountName" -}}
{{- .Values.serviceAccount.name | default (include "netiso.fullname" .) }}
{{- end }}

{{/*
netiso's own identity: the ServiceAccount's username. The webhook's --reconciler-username and the
ValidatingAdmissionPolicy's exception are both this string.
*/}}
{{- define "netiso.username" -}}
{{- printf "system:serviceaccount:%s:%s" .Release.Namespace (include "netiso.serviceAccountName" .) }}
{{- end }}

{{/*
The Service the API server calls: <fullname>-webhook, the name `go run ./certs/gen` assumes too.
*/}}
{{- define "netiso.serviceName" -}}
{{- printf "%s-webhook" (include "netiso.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{/*
The MutatingWebhookConfiguration's name. netiso makes it the owner of every NetworkPolicy it applies
(--owner-webhook-configuration), and the ClusterRole lets it read exactly this one.
*/}}
{{- define "netiso.webhookConfigurationName" -}}
{{- include "netiso.fullname" . }}
{{- end }}

{{/*
The ValidatingAdmissionPolicy matchConditions that let through who may write netiso's
NetworkPolicies (the guard's policies list them first; a request that fails any is not checked):
netiso itself; the garbage collector and the namespace controller, which delete them on
`helm uninstall` (through the ownerReference) and with their namespace (as their ServiceAccounts, or
as kube-controller-manager when it runs without --use-service-account-credentials); and the users and
groups of policies.guard.exemptUsers and exemptGroups. A list of names becomes a CEL list literal
through toJson: a JSON string is a valid CEL string literal.
*/}}
{{- define "netiso.guardExemptions" -}}
{{- $g := .Values.policies.guard }}
- name: not-netiso
  expression: request.userInfo.username != {{ include "netiso.username" . | quote }}
- name: not-garbage-collector-or-namespace-controller
  expression: >-
    !(request.userInfo.username in ['system:serviceaccount:kube-system:generic-garbage-collector',
      'system:serviceaccount:kube-system:namespace-controller', 'system:kube-controller-manager'])
{{- with $g.exemptUsers }}
- name: not-exempt-user
  expression: {{ printf "!(request.userInfo.username in %s)" (toJson .) | quote }}
{{- end }}
{{- with $g.exemptGroups }}
- name: not-exempt-group
  expression: {{ printf "!has(request.userInfo.groups) || !request.userInfo.groups.exists(g, g in %s)" (toJson .) | quote }}
{{- end }}
{{- end }}

{{/*
CEL: the NetworkPolicy of the request is netiso's. netisoLabelled: it carries
app.kubernetes.io/managed-by=netiso as sent (object, null on DELETE) or as stored (oldObject, null on
CREATE): taking the label off, or putting it on, is a write to netiso's policy as much as any other.
netisoNamed: it is being created with a name (or generateName) starting netiso-, which netiso's next
apply of that name would take over. The guard's two policies both use them: one refuses such writes,
the other leaves them to it.
*/}}
{{- define "netiso.celNetisoLabelled" -}}
[object, oldObject].exists(o, o != null && has(o.metadata.labels)
  && 'app.kubernetes.io/managed-by' in o.metadata.labels
  && o.metadata.labels['app.kubernetes.io/managed-by'] == 'netiso')
{{- end }}

{{- define "netiso.celNetisoNamed" -}}
request.operation == 'CREATE'
&& (object.metadata.name.startsWith('netiso-')
  || (has(object.metadata.generateName) && object.metadata.generateName.startsWith('netiso-')))
{{- end }}

{{- define "netiso.tlsSecretName" -}}
{{- printf "%s-tls" (include "netiso.fullname" .) }}
{{- end }}

{{- define "netiso.rulesConfigMapName" -}}
{{- required "rules.configMapName is required: the ConfigMap the webhook reads its rules from" .Values.rules.configMapName }}
{{- end }}

{{- define "netiso.priorityClassName" -}}
{{- if .Values.priorityClassName }}
{{- .Values.priorityClassName }}
{{- else if .Values.priorityClass.create }}
{{- printf "%s-critical" (include "netiso.fullname" .) }}
{{- end }}
{{- end }}

{{- define "netiso.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}
{{- end }}

{{/*
The managed label prefixes, each with its trailing "/", as a CEL list literal.
*/}}
{{- define "netiso.celPrefixes" -}}
{{- $out := list }}
{{- range list .Values.labels.egressPrefix .Values.labels.egressTypePrefix }}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$" .) }}
{{- fail (printf "label prefix %q is not a DNS subdomain" .) }}
{{- end }}
{{- $out = append $out (printf "'%s/'" .) }}
{{- end }}
{{- printf "[%s]" (join ", " $out) }}
{{- end }}

{{/*
shutdownDelay in milliseconds; only <n>ms, <n>s and <n>m are accepted, so the chart can check it
against terminationGracePeriodSeconds.
*/}}
{{- define "netiso.shutdownDelayMillis" -}}
{{- $d := toString .Values.shutdownDelay }}
{{- if regexMatch "^[0-9]+ms$" $d }}
{{- trimSuffix "ms" $d | atoi }}
{{- else if regexMatch "^[0-9]+s$" $d }}
{{- mul (trimSuffix "s" $d | atoi) 1000 }}
{{- else if regexMatch "^[0-9]+m$" $d }}
{{- mul (trimSuffix "m" $d | atoi) 60000 }}
{{- else }}
{{- fail (printf "shutdownDelay %q: want <n>ms, <n>s or <n>m" $d) }}
{{- end }}
{{- end }}

{{/*
The namespaces netiso covers: the mandatory exclusions, then whatever webhook.namespaceSelector
adds. Label selector requirements are ANDed, so values can narrow the selection but never undo an
exclusion. The first two requirements are exactly what pkg/scope.NamespaceSelector(release
namespace) returns (deploy/helm/chart_test.go holds them together): the release namespace,
kube-system and kube-node-lease by name, sorted and without duplicates, and every namespace
labelled netiso.dev/exempt=true. Used by the webhook configuration and the policy bindings alike.
*/}}
{{- define "netiso.namespaceSelector" -}}
{{- $extra := .Values.webhook.namespaceSelector | default dict }}
{{- if not (kindIs "map" $extra) }}
{{- fail "webhook.namespaceSelector must be a label selector (matchLabels, matchExpressions)" }}
{{- end }}
{{- range $k, $_ := $extra }}
{{- if not (has $k (list "matchLabels" "matchExpressions")) }}
{{- fail (printf "webhook.namespaceSelector.%s: a label selector has only matchLabels and matchExpressions" $k) }}
{{- end }}
{{- end }}
{{- $exempt := list .Release.Namespace "kube-system" "kube-node-lease" | sortAlpha | uniq }}
matchExpressions:
  - key: kubernetes.io/metadata.name
    operator: NotIn
    values:
      {{- toYaml $exempt | nindent 6 }}
  - key: netiso.dev/exempt
    operator: NotIn
    values:
      - "true"
{{- with $extra.matchExpressions }}
{{- toYaml . | nindent 2 }}
{{- end }}
{{- with $extra.matchLabels }}
matchLabels:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The chart's own CA and serving certificate (certManager.enabled false), as a dict: crt, key and
ca (PEM), bundle (the PEM CAs the webhook configuration trusts) and notAfter (RFC 3339).

Kept across upgrades: an existing Secret (read with lookup) is reused until renewBeforeDays before
its recorded expiry; then a new CA and certificate are issued and the bundle holds the old CA too,
so replicas still serving the old certificate (until their Secret volume refreshes) keep working.

Generated once per render: the Secret and the webhook configuration are separate templates that
must agree, so the result is memoised in .Values (one map shared by every template of a render).
*/}}
{{- define "netiso.tls" -}}
{{- if not (hasKey .Values "_netisoGeneratedTLS") }}
{{- $ns := .Release.Namespace }}
{{- $svc := include "netiso.serviceName" . }}
{{- $existing := lookup "v1" "Secret" $ns (include "netiso.tlsSecretName" .) | default dict }}
{{- $data := get $existing "data" | default dict }}
{{- $oldCA := get $data "ca.crt" | default "" | b64dec }}
{{- $notAfter := dig "metadata" "annotations" "netiso.dev/not-after" "" $existing }}
{{- $renewAt := add now.Unix (mul (int .Values.selfSigned.renewBeforeDays) 86400) }}
{{- $fresh := and $notAfter (lt $renewAt (toDate "2006-01-02T15:04:05Z07:00" $notAfter).Unix) }}
{{- $out := dict }}
{{- if and $fresh (get $data "tls.crt") (get $data "tls.key") $oldCA }}
{{- $out = dict "crt" (get $data "tls.crt" | b64dec) "key" (get $data "tls.key" | b64dec) "ca" $oldCA "bundle" $oldCA "notAfter" $notAfter }}
{{- else }}
{{- $days := int .Values.selfSigned.validityDays }}
{{- $ca := genCA (printf "%s-ca.%s" $svc $ns) $days }}
{{- $sans := list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.%s" $svc $ns .Values.clusterDomain) }}
{{- $cert := genSignedCert (printf "%s.%s.svc" $svc $ns) nil $sans $days $ca }}
{{- $bundle := $ca.Cert }}
{{- if $oldCA }}
{{- $bundle = printf "%s\n%s" (trimSuffix "\n" $ca.Cert) $oldCA }}
{{- end }}
{{- $expiry := (now | dateModify (printf "+%dh" (mul $days 24))).UTC.Format "2006-01-02T15:04:05Z07:00" }}
{{- $out = dict "crt" $cert.Cert "key" $cert.Key "ca" $ca.Cert "bundle" $bundle "notAfter" $expiry }}
{{- end }}
{{- $_ := set .Values "_netisoGeneratedTLS" $out }}
{{- end }}
{{- toJson (get .Values "_netisoGeneratedTLS") }}
{{- end }}

{{/*
The images a pod runs, as a CEL list, for the object named by the argument ("object" or
"oldObject"): containers, init containers and ephemeral containers, in that order.
*/}}
{{- define "netiso.celImages" -}}
{{- printf "(%s.spec.containers.map(c, c.image) + (has(%s.spec.initContainers) ? %s.spec.initContainers.map(c, c.image) : []) + (has(%s.spec.ephemeralContainers) ? %s.spec.ephemeralContainers.map(c, c.image) : []))" . . . . . }}
{{- end }}
