package app

import (
	"fmt"
	"io"
	"strconv"

	"github.com/go-logr/logr"
	uzap "go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
)

const (
	logJSON    = "json"
	logConsole = "console"
)

// zapOptions maps --log-format and --log-level onto controller-runtime's zap options: json is its
// production logger (JSON, stack traces on errors), console its development one (console, stack
// traces on warnings); info is logr's V(0), debug V(1) (the patches), N is V(N). Times have milliseconds.
func zapOptions(format, level string) (zap.Options, error) {
	var o zap.Options
	switch format {
	case logJSON:
	case logConsole:
		o.Development = true
	default:
		return o, fmt.Errorf("--log-format=%q: want json or console", format)
	}
	var v int
	switch level {
	case "info":
	case "debug":
		v = 1
	default:
		n, err := strconv.Atoi(level)
		if err != nil || n < 0 {
			return o, fmt.Errorf("--log-level=%q: want info, debug or a verbosity number", level)
		}
		v = n
	}
	lvl := uzap.NewAtomicLevelAt(zapcore.Level(-v))
	o.Level = &lvl
	// Milliseconds (ISO 8601): controller-runtime's default, RFC 3339, has whole seconds, too coarse
	// to order a rules change, the reload and the writes it causes.
	o.TimeEncoder = zapcore.ISO8601TimeEncoder
	return o, nil
}

// newLogger is controller-runtime's zap logger for --log-format and --log-level, writing to w.
//
// It never samples: a security log line (a forged label removed, a pod denied) must not be the one
// dropped. controller-runtime samples its production logger (after 100 lines a second of one
// message, 1 in 100) unless the level it is built with enables V(2), so it is built at V(2) or
// finer and then set to the level asked for: the level is atomic and the core reads it per line.
func newLogger(format, level string, w io.Writer) (logr.Logger, error) {
	o, err := zapOptions(format, level)
	if err != nil {
		return logr.Logger{}, err
	}
	o.DestWriter = w
	lvl := o.Level.(*uzap.AtomicLevel)
	want := lvl.Level()
	lvl.SetLevel(min(want, zapcore.Level(-2)))
	l := zap.New(zap.UseFlagOptions(&o))
	lvl.SetLevel(want)
	return l, nil
}
