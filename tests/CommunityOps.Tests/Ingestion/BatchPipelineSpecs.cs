using CommunityOps.Ingestion;

namespace CommunityOps.Tests.Ingestion;

public sealed class BatchPipelineSpecs
{
    [Fact]
    public void Rows_reach_the_writer_in_the_order_they_were_added_and_all_of_them_by_the_time_drain_returns()
    {
        var written = new List<int>();
        var writerThreads = new HashSet<int>();
        using var pipeline = new BatchPipeline<int>((rows, count) =>
        {
            writerThreads.Add(Environment.CurrentManagedThreadId);
            written.AddRange(rows.Take(count));
        }, batchSize: 7, "test");

        for (var i = 0; i < 1000; i++)
        {
            pipeline.Add(i);
        }
        pipeline.Drain();

        written.ShouldBe(Enumerable.Range(0, 1000));
        writerThreads.ShouldNotContain(Environment.CurrentManagedThreadId);
    }

    [Fact]
    public void A_writer_failure_is_rethrown_to_the_caller_as_itself_and_nothing_after_it_is_written()
    {
        var written = new List<int>();
        using var pipeline = new BatchPipeline<int>((rows, count) =>
        {
            if (rows.Take(count).Contains(30))
            {
                throw new InvalidDataException("row 30 is bad");
            }
            written.AddRange(rows.Take(count));
        }, batchSize: 10, "test");

        var error = Should.Throw<InvalidDataException>(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                pipeline.Add(i);
            }
            pipeline.Drain();
        });

        error.Message.ShouldBe("row 30 is bad");
        written.ShouldBe(Enumerable.Range(0, 30));
    }

    [Fact]
    public void Adding_again_after_a_failure_rethrows_it_rather_than_overrunning_the_batch()
    {
        using var pipeline = new BatchPipeline<int>((_, _) => throw new InvalidDataException("the store refused"), batchSize: 4, "test");
        Should.Throw<InvalidDataException>(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                pipeline.Add(i);
            }
        });

        Should.Throw<InvalidDataException>(() => pipeline.Add(100)).Message.ShouldBe("the store refused");
        Should.Throw<InvalidDataException>(pipeline.Drain);
    }
}
