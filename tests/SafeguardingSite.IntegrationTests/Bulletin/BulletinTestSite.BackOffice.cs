using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.IntegrationTests.BackOffice;

namespace SafeguardingSite.IntegrationTests.Bulletin;

public sealed partial class BulletinTestSite
{
    /// <summary>A back-office user in the given group, signed in with a browser-like client (cookies, antiforgery, no redirects).</summary>
    public async Task<BrowserClient> SignInAsync(string email, string group = BackOfficeGroups.BulletinEditor)
    {
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<BackOfficeUsers>();
            var (user, result) = await accounts.CreateAsync(email, email.Split('@')[0], [group], [], "test");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
            Assert.True((await users.AddPasswordAsync(user!, BackOfficeTestSite.GoodPassword)).Succeeded);
        }

        var client = new BrowserClient(Site.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
        }));
        var response = await client.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = email, ["Password"] = BackOfficeTestSite.GoodPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
