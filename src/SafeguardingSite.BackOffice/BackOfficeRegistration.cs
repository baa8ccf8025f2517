using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Commands;
using SafeguardingSite.BackOffice.ContentEditing;
using SafeguardingSite.BackOffice.Data;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.BackOffice.Workflow;
using SafeguardingSite.Content.Hosting;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Commands;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.BackOffice;

/// <summary>The back office at /umbraco: ASP.NET Core Identity sign-in, user groups and permissions, audit trail.</summary>
public static class BackOfficeRegistration
{
    public const string BasePath = "/umbraco";

    /// <summary>Policy for every back-office screen: any signed-in back-office user.</summary>
    public const string SignedInPolicy = "backoffice";

    /// <summary>Policy for the user, group and audit screens.</summary>
    public const string UsersPolicy = "backoffice.users";

    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; form-action 'self'; " +
        "base-uri 'self'; frame-ancestors 'none'; object-src 'none'";

    public static IServiceCollection AddBackOffice(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<BackOfficeOptions>(o =>
        {
            configuration.GetSection(BackOfficeOptions.SectionName).Bind(o);
            o.PublicBaseUrl ??= configuration["Site:PublicBaseUrl"] is { Length: > 0 } site ? site : null;
        });
        services.AddModuleDbContext<BackOfficeDbContext, SqliteBackOfficeDbContext, PostgresBackOfficeDbContext>(database, BackOfficeDbContext.MigrationsHistoryTable);
        services.AddHttpContextAccessor();

        services.AddIdentity<BackOfficeUser, BackOfficeGroup>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<BackOfficeDbContext>()
            .AddSignInManager<BackOfficeSignInManager>()
            .AddClaimsPrincipalFactory<BackOfficeClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InviteTokenProvider>(InviteTokenProvider.ProviderName);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "sg.backoffice";
            o.Cookie.Path = BasePath;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = BasePath + "/login";
            o.LogoutPath = BasePath + "/logout";
            o.AccessDeniedPath = BasePath + "/access-denied";
            o.ReturnUrlParameter = "returnUrl";

            // The Management API answers with problem details from its own scheme, never a redirect to a login page.
            o.Events.OnRedirectToLogin = context => IsApi(context.Request) ? Task.CompletedTask : Redirect(context);
            o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request) ? Task.CompletedTask : Redirect(context);
        });
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
        {
            services.Configure<CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.Path = BasePath;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
            });
        }

        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(SignedInPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
            .AddPolicy(UsersPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireClaim(BackOfficeClaims.Permission, BackOfficePermission.Users));
        foreach (var permission in BackOfficePermission.All)
        {
            authorization.AddPolicy(BackOfficePolicies.For(permission), p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireClaim(BackOfficeClaims.Permission, permission));
        }

        services.AddBackOfficeSection(new("content", "Content", "Pages of the website: create, edit, publish.", BackOfficePermission.ContentBrowse, 10));
        services.AddBackOfficeSection(new("media", "Media", "Images and documents used on the site.", BackOfficePermission.Media, 20));
        services.AddBackOfficeSection(new("redirects", "Redirects", "Old addresses that send readers to the right page.", BackOfficePermission.ContentPublish, 30));

        services.AddPublishingWorkflow(configuration);
        services.AddSingleton<BackOfficeAudit>();
        services.AddSingleton<IBackOfficePermissions, BackOfficePermissions>();
        services.Replace(ServiceDescriptor.Singleton<IContentBranchAccess, ContentBranchAccess>());
        services.AddScoped<BackOfficeUsers>();
        services.AddScoped<ContentTree>();
        services.AddScoped<ContentCopier>();
        services.AddScoped<IContentStartupStep, BackOfficeStartup>();
        services.AddSingleton<ISiteCommand, CreateAdminCommand>();

        var mvc = services.AddControllersWithViews();
        var assembly = typeof(BackOfficeRegistration).Assembly;
        mvc.ConfigureApplicationPartManager(parts =>
        {
            if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
            {
                parts.ApplicationParts.Add(new AssemblyPart(assembly));
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapBackOffice(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase) && !IsApi(context.Request))
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.CacheControl = "no-store";
                headers["X-Robots-Tag"] = "noindex";
            }

            return next(context);
        });
        // The content editor's script and TinyMCE, built by scripts/build-assets.mjs into the web root's dist/backoffice.
        var editorAssets = Path.Combine(app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"), "dist", "backoffice");
        if (Directory.Exists(editorAssets))
        {
            app.UseStaticFiles(new StaticFileOptions { RequestPath = BasePath + "/assets/editor", FileProvider = new PhysicalFileProvider(editorAssets) });
        }

        app.MapGet(BasePath + "/assets/backoffice.css", () =>
            Results.Stream(StyleSheet(), "text/css; charset=utf-8")).AllowAnonymous();
        app.MapControllers();
        return app;
    }

    private static Stream StyleSheet() =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("backoffice.css")
        ?? throw new InvalidOperationException("The back-office style sheet is missing from the assembly.");

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments(ManagementApiRegistration.BasePath, StringComparison.OrdinalIgnoreCase);

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
