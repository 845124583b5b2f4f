package mutate

var testConfig = Config{ServiceLabel: "app", UnknownService: UnknownAllow, ReconcilerUsername: "system:serviceaccount:netiso-system:netiso"}
