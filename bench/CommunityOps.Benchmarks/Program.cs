using CommunityOps.Benchmarks;

// A harness, not BenchmarkDotNet: each benchmark runs its baseline beside our code in the same run
// and prints the ratio. One sub-command per feature; add yours to Commands.
return await BenchCommands.RunAsync(args);
