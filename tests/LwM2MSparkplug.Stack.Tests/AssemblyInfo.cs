// The stack runs on Linux (containers, Debian tools); these tests use Unix file modes and shell scripts.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
