// Package generator holds the stages of the handbook pipeline, one package
// each: site (the domain types), load, link, render, publish, and build,
// which wires them; cli is the command line.
package generator
