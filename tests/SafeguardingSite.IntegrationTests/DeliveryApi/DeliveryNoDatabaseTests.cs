using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.DeliveryApi;

public class DeliveryNoDatabaseTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Public_requests_make_no_database_query(DatabaseProvider provider)
    {
        var counter = new DeliveryCommandCounter();
        await using var site = await DeliveryApiTestSite.StartAsync(provider, services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<IInterceptor>(sp => counter.Attach(sp.GetRequiredService<IHttpContextAccessor>()));
        });
        var image = await site.AddMediaAsync("Pool", MediaTypes.Image, fileUrl: "/media/1/pool.png");
        var page = await site.CreateTimedPageAsync("Swimming", site.Parents, values: new()
        {
            ["related"] = site.SaferSleep.ToString(),
            ["image"] = new System.Text.Json.Nodes.JsonArray(image.ToString()),
        });
        counter.Reset();

        await site.GetOkAsync("/content?fetch=descendants:/&filter=name:saf&sort=name:asc&expand=properties[$all]");
        await site.GetOkAsync($"/content/item/{page}?expand=all");
        await site.GetOkAsync("/content/item/parents-and-carers/swimming/");
        await site.GetOkAsync($"/content/items?id={page}&id={site.Home}");
        await site.GetOkAsync("/media?fetch=children:/");
        await site.GetOkAsync($"/media/item/{image}");
        await site.GetAsync("/content/item/no-such-page/");
        await site.GetAsync("/content?take=-1");
        Assert.Equal(0, counter.Count);

        // The counter does see commands made while serving a delivery request: a preview builds its snapshot from the database.
        await site.GetOkAsync($"/content/item/{page}", ("Preview", "true"), ("Api-Key", DeliveryApiTestSite.PreviewKey));
        Assert.True(counter.Count > 0);
    }

    /// <summary>Counts commands run on behalf of a Delivery API request; background work (the change-feed poll) has no request.</summary>
    private sealed class DeliveryCommandCounter : DbCommandInterceptor
    {
        private IHttpContextAccessor? accessor;
        private int count;

        public int Count => Volatile.Read(ref count);

        public DeliveryCommandCounter Attach(IHttpContextAccessor httpContextAccessor)
        {
            accessor = httpContextAccessor;
            return this;
        }

        public void Reset() => Interlocked.Exchange(ref count, 0);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Observe();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Observe();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Observe();
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Observe();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Observe();
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Observe();
            return ValueTask.FromResult(result);
        }

        private void Observe()
        {
            if (accessor?.HttpContext?.Request.Path.StartsWithSegments("/umbraco/delivery", StringComparison.OrdinalIgnoreCase) == true)
            {
                Interlocked.Increment(ref count);
            }
        }
    }
}
