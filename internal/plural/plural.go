// Package plural picks the English form of a noun for a count, for the messages and reports
// netiso's commands write.
package plural

// Of is one when n is 1, else many: Of(n, "file", "files").
func Of(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
