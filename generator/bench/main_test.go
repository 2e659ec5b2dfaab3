package main

import (
	"testing"

	"github.com/handbook-nhs/handbook/generator/sitetest"
)

func TestMain(m *testing.M) { sitetest.Main(m) }
