// The statistics behind insights (core/statistics.hpp): mean, standard
// deviation and ranks; the normal, Student t and chi-square distributions and
// the incomplete beta and gamma functions under them; Pearson's and Spearman's
// correlations, Welch's t-test, the difference of two rates, Kruskal–Wallis,
// Benjamini–Hochberg and the least-squares line.
//
// No expected value comes from the implementation. Each one is
//   - published: t quantiles and chi-square critical values from the standard
//     tables (to the ten digits printed), normal cdf values from the tables;
//     Anscombe's (1973) first data set (r = 0.816, y = 3.00 + 0.500 x); the IQ
//     against hours of television example of Wikipedia's "Spearman's rank
//     correlation coefficient" (Σd² = 194, ρ = −29/165, p = 0.627188 by t);
//     the mucociliary efficiency data of Hollander & Wolfe (1973, p. 116), the
//     example of R's kruskal.test (H = 0.77143, df = 2, p = 0.68); the fifteen
//     p-values of the worked example of Benjamini & Hochberg (1995), of which
//     the procedure rejects four at q* = 0.05 (Bonferroni three);
//   - a closed form evaluated with <cmath>: the t cdf for 1, 2, 3 and 4
//     degrees of freedom, the t quantile for 1 and 2, erfc for the normal and
//     chi-square(1), e^(−x/2) for chi-square(2), the Poisson sum for Q(n, x),
//     x^a and arcsin for special incomplete betas;
//   - a reference calculation written here, independent of the code under
//     test: ranks by counting (O(n²)), Pearson's r by its definitional sums,
//     Spearman's ρ by 1 − 6Σd²/(n(n² − 1)) where there are no ties, the t cdf
//     and the incomplete beta by Simpson's rule with many steps, Welch's t and
//     degrees of freedom by the textbook formulas;
//   - or arithmetic worked by hand in the comments.
// Calibration (the share of p < 0.05 when nothing is there) is checked on
// simulated samples from a fixed seed.

#include "core/statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <optional>
#include <random>
#include <utility>
#include <vector>

using namespace qself::core;

namespace {

// The normal distribution's 97.5 % quantile, from the tables: Φ(1.959963985) = 0.975.
constexpr double kStatZ975 = 1.959963985;

// Ranks by their definition: one plus the values below, plus half of the
// other values equal (so ties share the mean of the ranks they span).
std::vector<double> stat_ranks_by_counting(const std::vector<double>& values) {
  std::vector<double> result;
  for (const double value : values) {
    double below = 0, equal = 0;
    for (const double other : values) {
      if (other < value) ++below;
      if (other == value) ++equal;
    }
    result.push_back(below + (equal + 1) / 2);
  }
  return result;
}

double stat_mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (const double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

// Pearson's r by its definition: Σ(x − x̄)(y − ȳ) / sqrt(Σ(x − x̄)² Σ(y − ȳ)²).
double stat_pearson_r(const std::vector<double>& x, const std::vector<double>& y) {
  const double mean_x = stat_mean_of(x), mean_y = stat_mean_of(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mean_x) * (y[i] - mean_y);
    sxx += (x[i] - mean_x) * (x[i] - mean_x);
    syy += (y[i] - mean_y) * (y[i] - mean_y);
  }
  return sxy / std::sqrt(sxx * syy);
}

// Composite Simpson's rule over [from, to] with `steps` (even) intervals.
template <typename Function>
double stat_simpson(Function f, double from, double to, int steps = 100000) {
  const double h = (to - from) / steps;
  double sum = f(from) + f(to);
  for (int i = 1; i < steps; ++i) sum += f(from + i * h) * (i % 2 == 1 ? 4 : 2);
  return sum * h / 3;
}

// P(T ≤ t) for Student's t with ν degrees of freedom (any ν > 0), by
// integrating its density Γ((ν+1)/2) / (sqrt(νπ) Γ(ν/2)) (1 + s²/ν)^(−(ν+1)/2)
// from 0 to |t|.
double stat_t_cdf_by_integration(double t, double nu) {
  const double scale = std::exp(std::lgamma((nu + 1) / 2) - std::lgamma(nu / 2)) / std::sqrt(nu * std::numbers::pi);
  const double half =
      stat_simpson([&](double s) { return scale * std::pow(1 + s * s / nu, -(nu + 1) / 2); }, 0.0, std::abs(t));
  return t >= 0 ? 0.5 + half : 0.5 - half;
}

// The two-sided p-value of t under Student's t with ν degrees of freedom.
double stat_t_p_value_by_integration(double t, double nu) {
  return 2 * (1 - stat_t_cdf_by_integration(std::abs(t), nu));
}

// The p-value of a correlation r of n pairs: t = r sqrt((n − 2) / (1 − r²)), n − 2 degrees of freedom.
double stat_correlation_p_value(double r, std::size_t n) {
  const double df = static_cast<double>(n) - 2;
  return stat_t_p_value_by_integration(r * std::sqrt(df / (1 - r * r)), df);
}

// I_x(a, b) = ∫_0^x s^(a−1) (1 − s)^(b−1) ds / B(a, b), for a, b ≥ 1.
double stat_incomplete_beta_by_integration(double a, double b, double x) {
  const double beta = std::exp(std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b));
  return stat_simpson([&](double s) { return std::pow(s, a - 1) * std::pow(1 - s, b - 1); }, 0.0, x) / beta;
}

// Q(n, x) for a whole n: the chance of fewer than n events of a Poisson
// process of mean x, e^(−x) Σ_{k<n} x^k / k!.
double stat_poisson_upper_gamma(int n, double x) {
  double term = std::exp(-x), sum = 0;
  for (int k = 0; k < n; ++k) {
    sum += term;
    term *= x / (k + 1);
  }
  return sum;
}

struct StatInterval {
  double low, high;
};

// Fisher's interval: tanh(atanh(r) ∓ z(0.975) · factor / sqrt(n − 3)).
StatInterval stat_fisher_interval(double r, std::size_t n, double factor) {
  const double z = std::atanh(r), se = factor / std::sqrt(static_cast<double>(n) - 3);
  return {std::tanh(z - kStatZ975 * se), std::tanh(z + kStatZ975 * se)};
}

// A standard normal number by Box–Muller from the engine's raw 32-bit words:
// std::normal_distribution's algorithm is each library's own, so a fixed seed
// would give other samples (and another share of p < 0.05) elsewhere.
double stat_standard_normal(std::mt19937& engine) {
  const double u1 = (static_cast<double>(engine()) + 0.5) / 4294967296.0;  // in (0, 1)
  const double u2 = (static_cast<double>(engine()) + 0.5) / 4294967296.0;
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

std::vector<double> stat_normal_sample(std::mt19937& engine, std::size_t n) {
  std::vector<double> sample;
  for (std::size_t i = 0; i < n; ++i) sample.push_back(stat_standard_normal(engine));
  return sample;
}

std::vector<double> stat_negated(std::vector<double> values) {
  for (double& value : values) value = -value;
  return values;
}

}  // namespace

// ---- mean and standard deviation -------------------------------------------

TEST(StatisticsMean, IsTheSumOverTheCountAndZeroForNone) {
  EXPECT_EQ(statistics::mean(std::vector<double>{}), 0.0);
  EXPECT_EQ(statistics::mean(std::vector<double>{7}), 7.0);
  // 2 + 4 + 4 + 4 + 5 + 5 + 7 + 9 = 40, over 8.
  EXPECT_DOUBLE_EQ(statistics::mean(std::vector<double>{2, 4, 4, 4, 5, 5, 7, 9}), 5.0);
}

TEST(StatisticsStandardDeviation, DividesByNMinusOne) {
  // Deviations from 5: −3 −1 −1 −1 0 0 2 4; squares 9 1 1 1 0 0 4 16 = 32;
  // 32 / 7 = 4.571428571, sqrt = 2.138089935 (2 with n in place of n − 1).
  EXPECT_NEAR(statistics::standard_deviation(std::vector<double>{2, 4, 4, 4, 5, 5, 7, 9}), 2.138089935, 1e-9);
}

TEST(StatisticsStandardDeviation, IsZeroForFewerThanTwoValuesAndForAConstantSeries) {
  EXPECT_EQ(statistics::standard_deviation(std::vector<double>{}), 0.0);
  EXPECT_EQ(statistics::standard_deviation(std::vector<double>{3}), 0.0);
  EXPECT_EQ(statistics::standard_deviation(std::vector<double>{4, 4, 4, 4}), 0.0);
  // 0.1 + 0.1 + 0.1 = 0.30000000000000004, so the mean of three 0.1s is
  // 0.10000000000000002 and no deviation from it is 0; the series still has no spread.
  EXPECT_EQ(statistics::standard_deviation(std::vector<double>{0.1, 0.1, 0.1}), 0.0);
  EXPECT_EQ(statistics::standard_deviation(std::vector<double>{0.7, 0.7, 0.7, 0.7, 0.7, 0.7}), 0.0);
}

TEST(StatisticsStandardDeviation, DoesNotDependOnAnOffsetFarFromZero) {
  // 4, 7, 13, 16: mean 10, squares 36 + 9 + 9 + 36 = 90, / 3 = 30, sd sqrt(30)
  // = 5.477225575. Summing squares of 1e9 + x would lose every digit of it.
  EXPECT_NEAR(statistics::standard_deviation(std::vector<double>{4, 7, 13, 16}), 5.477225575, 1e-9);
  EXPECT_NEAR(statistics::standard_deviation(std::vector<double>{1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}), 5.477225575,
              1e-6);
}

// ---- ranks ------------------------------------------------------------------

TEST(StatisticsRanks, StartAtOneAndTiesShareTheMeanOfTheRanksTheySpan) {
  EXPECT_EQ(statistics::ranks(std::vector<double>{10, 20, 20, 30}), (std::vector<double>{1, 2.5, 2.5, 4}));
  // Unsorted, in the order given: 7 is 3rd of 3 and 5 and 5 share 1st and 2nd.
  EXPECT_EQ(statistics::ranks(std::vector<double>{7, 5, 5}), (std::vector<double>{3, 1.5, 1.5}));
  // Three tied for 2nd to 4th share (2 + 3 + 4) / 3 = 3.
  EXPECT_EQ(statistics::ranks(std::vector<double>{-1, 0, 0, 0, 8}), (std::vector<double>{1, 3, 3, 3, 5}));
  // All tied: each has (1 + … + 5) / 5 = 3.
  EXPECT_EQ(statistics::ranks(std::vector<double>{2, 2, 2, 2, 2}), (std::vector<double>{3, 3, 3, 3, 3}));
  EXPECT_TRUE(statistics::ranks(std::vector<double>{}).empty());
  EXPECT_EQ(statistics::ranks(std::vector<double>{42}), (std::vector<double>{1}));
}

TEST(StatisticsRanks, AgreeWithCountingOnSeriesWithManyTies) {
  std::mt19937 engine(20261205);
  for (int round = 0; round < 50; ++round) {
    std::vector<double> values;
    const std::size_t n = 1 + engine() % 40;
    for (std::size_t i = 0; i < n; ++i) values.push_back(static_cast<double>(engine() % 7) / 2);  // 0, 0.5 … 3
    EXPECT_EQ(statistics::ranks(values), stat_ranks_by_counting(values));
  }
}

// ---- the normal distribution -------------------------------------------------

TEST(StatisticsNormalCdf, MatchesTheTables) {
  EXPECT_NEAR(statistics::normal_cdf(0), 0.5, 1e-15);
  EXPECT_NEAR(statistics::normal_cdf(kStatZ975), 0.975, 1e-9);
  EXPECT_NEAR(statistics::normal_cdf(-kStatZ975), 0.025, 1e-9);
  EXPECT_NEAR(statistics::normal_cdf(1), 0.8413447461, 1e-9);
  EXPECT_NEAR(statistics::normal_cdf(-3), 0.0013498980, 1e-10);
  EXPECT_NEAR(statistics::normal_cdf(2.575829304), 0.995, 1e-9);
}

TEST(StatisticsNormalCdf, KeepsItsRelativePrecisionInTheFarTail) {
  // Φ(x) = erfc(−x / √2) / 2: small p-values feed Benjamini–Hochberg.
  for (const double x : {-5.0, -8.0, -12.0}) {
    const double expected = std::erfc(-x / std::numbers::sqrt2) / 2;
    EXPECT_NEAR(statistics::normal_cdf(x) / expected, 1.0, 1e-6) << x;
  }
  EXPECT_EQ(statistics::normal_cdf(40), 1.0);
  EXPECT_GE(statistics::normal_cdf(-40), 0.0);
  EXPECT_LT(statistics::normal_cdf(-40), 1e-300);
}

// ---- Student's t ---------------------------------------------------------------

TEST(StatisticsStudentT, CdfMatchesTheTables) {
  // The tables' t(0.975, ν): 12.70620474 (1), 4.302652730 (2), 2.228138852
  // (10), 2.042272456 (30); t(0.995, 5) = 4.032142984; t(0.95, 2) = 2.919985580.
  EXPECT_NEAR(statistics::student_t_cdf(12.70620474, 1), 0.975, 1e-9);
  EXPECT_NEAR(statistics::student_t_cdf(4.302652730, 2), 0.975, 1e-9);
  EXPECT_NEAR(statistics::student_t_cdf(2.228138852, 10), 0.975, 1e-9);
  EXPECT_NEAR(statistics::student_t_cdf(2.042272456, 30), 0.975, 1e-9);
  EXPECT_NEAR(statistics::student_t_cdf(4.032142984, 5), 0.995, 1e-9);
  EXPECT_NEAR(statistics::student_t_cdf(2.919985580, 2), 0.95, 1e-9);
  EXPECT_NEAR(statistics::student_t_cdf(-2.228138852, 10), 0.025, 1e-9);
  EXPECT_NEAR(statistics::student_t_cdf(0, 7), 0.5, 1e-15);
}

TEST(StatisticsStudentT, CdfMatchesTheClosedFormsOfFewDegreesOfFreedom) {
  for (const double t : {-30.0, -3.0, -1.0, -0.2, 0.5, 1.0, 2.5, 7.0, 100.0}) {
    // ν = 1 (Cauchy): 1/2 + atan(t) / π.
    EXPECT_NEAR(statistics::student_t_cdf(t, 1), 0.5 + std::atan(t) / std::numbers::pi, 1e-10) << t;
    // ν = 2: 1/2 + t / (2 sqrt(2 + t²)).
    EXPECT_NEAR(statistics::student_t_cdf(t, 2), 0.5 + t / (2 * std::sqrt(2 + t * t)), 1e-10) << t;
    // ν = 3: 1/2 + (atan(t/√3) + (t/√3) / (1 + t²/3)) / π.
    const double u = t / std::sqrt(3.0);
    EXPECT_NEAR(statistics::student_t_cdf(t, 3), 0.5 + (std::atan(u) + u / (1 + u * u)) / std::numbers::pi, 1e-10) << t;
    // ν = 4: 1/2 + (3/8) (t / sqrt(1 + t²/4)) (1 − t² / (12 (1 + t²/4))).
    const double w = 1 + t * t / 4;
    EXPECT_NEAR(statistics::student_t_cdf(t, 4), 0.5 + 0.375 * t / std::sqrt(w) * (1 - t * t / (12 * w)), 1e-10) << t;
  }
  // ν = 1 at t = 1: 1/2 + (π/4)/π = 0.75.
  EXPECT_NEAR(statistics::student_t_cdf(1, 1), 0.75, 1e-12);
}

TEST(StatisticsStudentT, CdfKeepsATinyTAboveAHalf) {
  // ν / (ν + t²) rounds to 1 for |t| < 1.5e-8 sqrt(ν); the cdf must still grow
  // with t there, as 1/2 + atan(t)/π does for ν = 1 (and 1/2 + t/(2√2) for ν = 2).
  EXPECT_NEAR(statistics::student_t_cdf(1e-9, 1), 0.5 + std::atan(1e-9) / std::numbers::pi, 1e-15);
  EXPECT_NEAR(statistics::student_t_cdf(-3e-9, 2), 0.5 - 3e-9 / (2 * std::sqrt(2.0)), 1e-15);
  EXPECT_GT(statistics::student_t_cdf(1e-12, 30), 0.5);
  EXPECT_LT(statistics::student_t_cdf(-1e-12, 30), 0.5);
}

TEST(StatisticsStudentT, CdfOfFractionalDegreesOfFreedomMatchesTheIntegratedDensity) {
  // Welch's degrees of freedom are rarely whole.
  for (const double nu : {1.3, 3.532846715, 7.5, 27.9}) {
    for (const double t : {-4.0, -1.7, 0.3, 2.0, 5.5}) {
      EXPECT_NEAR(statistics::student_t_cdf(t, nu), stat_t_cdf_by_integration(t, nu), 1e-9) << nu << " " << t;
    }
  }
}

TEST(StatisticsStudentT, CdfIsSymmetricAndTendsToTheNormal) {
  for (const double t : {0.4, 1.5, 3.0}) {
    EXPECT_NEAR(statistics::student_t_cdf(-t, 6.5), 1 - statistics::student_t_cdf(t, 6.5), 1e-12);
  }
  EXPECT_NEAR(statistics::student_t_cdf(kStatZ975, 1e7), 0.975, 1e-6);
}

TEST(StatisticsStudentT, QuantileMatchesTheTables) {
  EXPECT_NEAR(statistics::student_t_quantile(0.975, 10), 2.228138852, 1e-8);
  EXPECT_NEAR(statistics::student_t_quantile(0.975, 1), 12.70620474, 1e-7);
  EXPECT_NEAR(statistics::student_t_quantile(0.975, 30), 2.042272456, 1e-8);
  EXPECT_NEAR(statistics::student_t_quantile(0.975, 4), 2.776445105, 1e-8);
  EXPECT_NEAR(statistics::student_t_quantile(0.995, 5), 4.032142984, 1e-8);
  EXPECT_NEAR(statistics::student_t_quantile(0.95, 2), 2.919985580, 1e-8);
  EXPECT_NEAR(statistics::student_t_quantile(0.025, 10), -2.228138852, 1e-8);
  EXPECT_NEAR(statistics::student_t_quantile(0.5, 3), 0.0, 1e-12);
}

TEST(StatisticsStudentT, QuantileIsSymmetric) {
  for (const double nu : {1.0, 2.5, 9.0, 40.0}) {
    for (const double p : {0.01, 0.3, 0.49999, 0.5}) {
      EXPECT_NEAR(statistics::student_t_quantile(p, nu), -statistics::student_t_quantile(1 - p, nu), 1e-11)
          << nu << " " << p;
    }
  }
}

TEST(StatisticsStudentT, QuantileMatchesTheClosedFormsOfOneAndTwoDegreesOfFreedom) {
  for (const double p : {0.005, 0.1, 0.5, 0.8, 0.975, 0.995}) {
    // ν = 1: tan(π (p − 1/2)); t(0.995, 1) = 63.65674116.
    const double cauchy = std::tan(std::numbers::pi * (p - 0.5));
    EXPECT_NEAR(statistics::student_t_quantile(p, 1), cauchy, 1e-8 * std::max(1.0, std::abs(cauchy))) << p;
    // ν = 2: (2p − 1) / sqrt(2p (1 − p)).
    EXPECT_NEAR(statistics::student_t_quantile(p, 2), (2 * p - 1) / std::sqrt(2 * p * (1 - p)), 1e-8) << p;
  }
}

TEST(StatisticsStudentT, QuantileOfFractionalDegreesOfFreedomInvertsTheIntegratedCdf) {
  for (const double nu : {1.3, 3.532846715, 27.9}) {
    for (const double p : {0.025, 0.9, 0.975}) {
      EXPECT_NEAR(stat_t_cdf_by_integration(statistics::student_t_quantile(p, nu), nu), p, 1e-9) << nu << " " << p;
    }
  }
}

// ---- chi-square ---------------------------------------------------------------

TEST(StatisticsChiSquare, SurvivalMatchesTheTables) {
  EXPECT_NEAR(statistics::chi_square_survival(3.841458821, 1), 0.05, 1e-9);
  EXPECT_NEAR(statistics::chi_square_survival(5.991464547, 2), 0.05, 1e-9);
  EXPECT_NEAR(statistics::chi_square_survival(12.59158724, 6), 0.05, 1e-9);
  EXPECT_NEAR(statistics::chi_square_survival(6.634896601, 1), 0.01, 1e-9);
  EXPECT_NEAR(statistics::chi_square_survival(9.210340372, 2), 0.01, 1e-9);
  EXPECT_NEAR(statistics::chi_square_survival(18.30703805, 10), 0.05, 1e-9);
}

TEST(StatisticsChiSquare, SurvivalMatchesTheClosedForms) {
  for (const double x : {0.01, 0.5, 1.0, 3.0, 7.5, 20.0, 60.0}) {
    // One degree of freedom: P(Z² > x) = erfc(sqrt(x / 2)).
    EXPECT_NEAR(statistics::chi_square_survival(x, 1), std::erfc(std::sqrt(x / 2)), 1e-10) << x;
    // Two: e^(−x/2).
    EXPECT_NEAR(statistics::chi_square_survival(x, 2), std::exp(-x / 2), 1e-10) << x;
    // Six: Q(3, x/2) = e^(−x/2) (1 + x/2 + (x/2)² / 2).
    EXPECT_NEAR(statistics::chi_square_survival(x, 6), stat_poisson_upper_gamma(3, x / 2), 1e-10) << x;
  }
  EXPECT_NEAR(statistics::chi_square_survival(0, 3), 1.0, 1e-15);
}

// ---- the incomplete beta and gamma functions -------------------------------------

TEST(StatisticsIncompleteBeta, MatchesTheClosedForms) {
  for (const double x : {0.0, 0.05, 0.3, 0.5, 0.77, 0.99, 1.0}) {
    EXPECT_NEAR(statistics::incomplete_beta(1, 1, x), x, 1e-12) << x;
    EXPECT_NEAR(statistics::incomplete_beta(3.5, 1, x), std::pow(x, 3.5), 1e-12) << x;
    EXPECT_NEAR(statistics::incomplete_beta(1, 4, x), 1 - std::pow(1 - x, 4), 1e-12) << x;
    // The arcsine distribution: I_x(1/2, 1/2) = (2/π) asin(sqrt(x)).
    EXPECT_NEAR(statistics::incomplete_beta(0.5, 0.5, x), 2 / std::numbers::pi * std::asin(std::sqrt(x)), 1e-10) << x;
  }
  EXPECT_NEAR(statistics::incomplete_beta(7.3, 7.3, 0.5), 0.5, 1e-12);  // symmetric about 1/2
}

TEST(StatisticsIncompleteBeta, MatchesTheIntegralAndItsMirror) {
  struct Case {
    double a, b, x;
  };
  // I_0.3(2.5, 3.5) ≈ 0.2968, I_0.8(10, 4) ≈ 0.7473, I_0.45(30, 30) ≈ 0.2197.
  for (const Case c :
       {Case{2.5, 3.5, 0.3}, Case{10, 4, 0.8}, Case{30, 30, 0.45}, Case{2.5, 20, 0.05}, Case{4, 2, 0.9}}) {
    const double expected = stat_incomplete_beta_by_integration(c.a, c.b, c.x);
    EXPECT_NEAR(statistics::incomplete_beta(c.a, c.b, c.x), expected, 1e-9) << c.a << " " << c.b << " " << c.x;
    // I_x(a, b) = 1 − I_(1−x)(b, a).
    EXPECT_NEAR(statistics::incomplete_beta(c.b, c.a, 1 - c.x), 1 - expected, 1e-9);
  }
}

TEST(StatisticsUpperIncompleteGamma, MatchesThePoissonSumAndErfc) {
  // Both sides of x = a + 1, where the series and the continued fraction meet.
  for (const double x : {0.1, 1.0, 2.0, 4.5, 9.0, 25.0, 40.0}) {
    EXPECT_NEAR(statistics::upper_incomplete_gamma(1, x), std::exp(-x), 1e-12) << x;
    EXPECT_NEAR(statistics::upper_incomplete_gamma(3, x), stat_poisson_upper_gamma(3, x), 1e-11) << x;
    EXPECT_NEAR(statistics::upper_incomplete_gamma(30, x), stat_poisson_upper_gamma(30, x), 1e-11) << x;
    EXPECT_NEAR(statistics::upper_incomplete_gamma(0.5, x), std::erfc(std::sqrt(x)), 1e-11) << x;
  }
  // Q(3, 2) = e^(−2) (1 + 2 + 4/2) = 5 e^(−2) = 0.6766764162.
  EXPECT_NEAR(statistics::upper_incomplete_gamma(3, 2), 0.6766764162, 1e-10);
  EXPECT_NEAR(statistics::upper_incomplete_gamma(100, 90), stat_poisson_upper_gamma(100, 90), 1e-10);
  EXPECT_NEAR(statistics::upper_incomplete_gamma(2.5, 0), 1.0, 1e-15);
}

// ---- Pearson ---------------------------------------------------------------------

TEST(StatisticsPearson, OfAHandWorkedSeries) {
  // x 1..5, y 2 4 5 4 5: means 3 and 4; deviations x −2 −1 0 1 2, y −2 0 1 0 1.
  // Sxy = 4 + 0 + 0 + 0 + 2 = 6, Sxx = 10, Syy = 4 + 0 + 1 + 0 + 1 = 6,
  // r = 6 / sqrt(60) = 0.7745966692, r² = 0.6.
  // t = r sqrt(3 / (1 − r²)) = sqrt(0.6 · 3 / 0.4) = sqrt(4.5) = 2.121320344 with 3
  // degrees of freedom; p = 2 (1 − F₃(t)) ≈ 0.1240 by the closed form of ν = 3.
  const std::vector<double> x{1, 2, 3, 4, 5}, y{2, 4, 5, 4, 5};
  const auto pearson = statistics::pearson(x, y);
  ASSERT_TRUE(pearson);
  EXPECT_NEAR(pearson->rho, 0.7745966692, 1e-10);
  EXPECT_EQ(pearson->n, 5u);
  const double u = std::sqrt(4.5 / 3);
  EXPECT_NEAR(pearson->p_value, 1 - 2 * (std::atan(u) + u / (1 + u * u)) / std::numbers::pi, 1e-9);
  EXPECT_NEAR(pearson->p_value, 0.1240270627, 1e-9);
  // Fisher: atanh(r) ± 1.96 / sqrt(2).
  const auto interval = stat_fisher_interval(0.7745966692, 5, 1.0);
  EXPECT_NEAR(pearson->ci_low, interval.low, 1e-9);
  EXPECT_NEAR(pearson->ci_high, interval.high, 1e-9);
}

TEST(StatisticsPearson, OfAnscombesFirstDataSet) {
  const std::vector<double> x{10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
  const std::vector<double> y{8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68};
  const auto pearson = statistics::pearson(x, y);
  ASSERT_TRUE(pearson);
  EXPECT_NEAR(pearson->rho, 0.816, 5e-4);  // as published
  EXPECT_NEAR(pearson->rho, stat_pearson_r(x, y), 1e-12);
  EXPECT_NEAR(pearson->p_value, stat_correlation_p_value(stat_pearson_r(x, y), 11), 1e-9);
}

TEST(StatisticsPearson, AtTheSmallestSampleOfFourPairs) {
  // x 1 2 3 4, y 1 3 2 4: deviations −1.5 −0.5 0.5 1.5 and −1.5 0.5 −0.5 1.5;
  // Sxy = 2.25 − 0.25 − 0.25 + 2.25 = 4, Sxx = Syy = 5, r = 0.8.
  // t² = 0.64 · 2 / 0.36 = 32/9 with 2 degrees of freedom: F₂(t) = 1/2 +
  // t / (2 sqrt(2 + t²)) = 1/2 + sqrt((32/9) / (50/9)) / 2 = 1/2 + 0.4, p = 0.2.
  // Fisher's standard error is 1 / sqrt(4 − 3) = 1.
  const auto pearson = statistics::pearson(std::vector<double>{1, 2, 3, 4}, std::vector<double>{1, 3, 2, 4});
  ASSERT_TRUE(pearson);
  EXPECT_NEAR(pearson->rho, 0.8, 1e-12);
  EXPECT_NEAR(pearson->p_value, 0.2, 1e-9);
  // tanh(ln 3 ∓ 1.959963985) = tanh(−0.861351) and tanh(3.058576).
  EXPECT_NEAR(pearson->ci_low, std::tanh(std::log(3.0) - kStatZ975), 1e-9);
  EXPECT_NEAR(pearson->ci_high, std::tanh(std::log(3.0) + kStatZ975), 1e-9);
}

TEST(StatisticsPearson, HasNoTestForFewerThanFourPairsUnequalSizesOrASeriesWithoutSpread) {
  EXPECT_FALSE(statistics::pearson(std::vector<double>{1, 2, 3}, std::vector<double>{1, 3, 2}));
  EXPECT_FALSE(statistics::pearson(std::vector<double>{}, std::vector<double>{}));
  EXPECT_FALSE(statistics::pearson(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>{1, 3, 2, 4}));
  EXPECT_FALSE(statistics::pearson(std::vector<double>{1, 2, 3, 4}, std::vector<double>{1, 3, 2, 4, 5}));
  EXPECT_FALSE(statistics::pearson(std::vector<double>{2, 2, 2, 2, 2}, std::vector<double>{1, 3, 2, 4, 5}));
  EXPECT_FALSE(statistics::pearson(std::vector<double>{1, 3, 2, 4, 5}, std::vector<double>{0.1, 0.1, 0.1, 0.1, 0.1}));
}

TEST(StatisticsPearson, HasNoTestForARepeatedDecimalWhoseMeanRoundsOff) {
  // The mean of six 0.1s is 0.6 / 6 = 0.09999999999999999: every deviation is
  // 1.4e-17, their squares add up to more than 0, and r would be noise (≈ 0,
  // p ≈ 1: "no effect" where the data cannot say).
  const std::vector<double> repeated(6, 0.1), other{1, 2, 3, 4, 5, 7};
  EXPECT_FALSE(statistics::pearson(repeated, other));
  EXPECT_FALSE(statistics::pearson(other, repeated));
  EXPECT_FALSE(statistics::pearson(other, std::vector<double>(6, 0.7)));
}

TEST(StatisticsPearson, IsSymmetricAndChangesSignWithOneSeries) {
  const std::vector<double> x{3.1, 0.4, 2.2, 5.0, 4.4, 1.9, 2.8}, y{1.0, 0.7, 2.5, 2.9, 2.0, 0.2, 1.1};
  const auto xy = statistics::pearson(x, y), yx = statistics::pearson(y, x);
  const auto negated = statistics::pearson(x, stat_negated(y));
  ASSERT_TRUE(xy && yx && negated);
  EXPECT_NEAR(yx->rho, xy->rho, 1e-12);
  EXPECT_NEAR(yx->p_value, xy->p_value, 1e-12);
  EXPECT_NEAR(negated->rho, -xy->rho, 1e-12);
  EXPECT_NEAR(negated->p_value, xy->p_value, 1e-12);
  EXPECT_NEAR(negated->ci_low, -xy->ci_high, 1e-12);
  EXPECT_NEAR(negated->ci_high, -xy->ci_low, 1e-12);
}

TEST(StatisticsPearson, TheStandardErrorFactorWidensTheIntervalInFishersZ) {
  const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8}, y{2, 1, 4, 3, 7, 5, 6, 8};
  const double r = stat_pearson_r(x, y);
  const auto wider = statistics::pearson(x, y, std::sqrt(1.06));
  ASSERT_TRUE(wider);
  const auto interval = stat_fisher_interval(r, 8, std::sqrt(1.06));
  EXPECT_NEAR(wider->ci_low, interval.low, 1e-9);
  EXPECT_NEAR(wider->ci_high, interval.high, 1e-9);
  const auto plain = statistics::pearson(x, y);
  ASSERT_TRUE(plain);
  EXPECT_NEAR(wider->p_value, plain->p_value, 1e-15);  // the p-value does not use it
}

TEST(StatisticsPearson, APerfectLineHasRhoOneAPValueOfZeroAndAnIntervalCollapsedOnIt) {
  // A perfect line leaves no doubt about this data: p is 0 and the interval
  // the single point ±1. Tenths are not exact in binary: r may round to either
  // side of ±1, and must neither leave [−1, 1] nor turn p or the interval into NaN.
  const std::vector<double> x{1, 2, 3, 4, 5, 6};
  for (const double slope : {0.1, 0.3, 1.0, 7.0, -0.1, -0.7}) {
    std::vector<double> y;
    for (const double value : x) y.push_back(0.7 + slope * value);
    const auto pearson = statistics::pearson(x, y);
    ASSERT_TRUE(pearson) << slope;
    const double sign = slope > 0 ? 1 : -1;
    EXPECT_NEAR(pearson->rho, sign, 1e-12) << slope;
    EXPECT_LE(std::abs(pearson->rho), 1.0) << slope;
    EXPECT_GE(pearson->p_value, 0.0) << slope;
    EXPECT_LT(pearson->p_value, 1e-12) << slope;
    EXPECT_NEAR(pearson->ci_low, sign, 1e-9) << slope;
    EXPECT_NEAR(pearson->ci_high, sign, 1e-9) << slope;
  }
}

// ---- Spearman ----------------------------------------------------------------------

TEST(StatisticsSpearman, OfTheTextbookIqAndTelevisionExample) {
  // Ranks of IQ 7 4 1 5 3 6 2 10 9 8, of hours 3 7 1 10 8 9 6 4 2 5; d 4 −3 0 −5
  // −5 −3 −4 6 7 3, Σd² = 16 + 9 + 0 + 25 + 25 + 9 + 16 + 36 + 49 + 9 = 194;
  // ρ = 1 − 6 · 194 / (10 · 99) = 1 − 1164/990 = −29/165 = −0.1757575758,
  // p = 0.627188 (t with 8 degrees of freedom).
  const std::vector<double> iq{106, 100, 86, 101, 99, 103, 97, 113, 112, 110};
  const std::vector<double> hours{7, 27, 2, 50, 28, 29, 20, 12, 6, 17};
  const auto spearman = statistics::spearman(iq, hours);
  ASSERT_TRUE(spearman);
  EXPECT_NEAR(spearman->rho, -29.0 / 165, 1e-12);
  EXPECT_EQ(spearman->n, 10u);
  EXPECT_NEAR(spearman->p_value, 0.627188, 1e-6);
  // Fieller, Hartley and Pearson: atanh(ρ) ± 1.96 sqrt(1.06 / 7).
  const auto interval = stat_fisher_interval(-29.0 / 165, 10, std::sqrt(1.06));
  EXPECT_NEAR(spearman->ci_low, interval.low, 1e-9);
  EXPECT_NEAR(spearman->ci_high, interval.high, 1e-9);
}

TEST(StatisticsSpearman, WithoutTiesIsOneMinusSixSumsOfSquaredRankDifferences) {
  std::mt19937 engine(1957);
  for (int round = 0; round < 20; ++round) {
    const std::size_t n = 8 + engine() % 30;  // a perfect order by chance is 1 in 20160 at n = 8
    const auto x = stat_normal_sample(engine, n), y = stat_normal_sample(engine, n);
    const auto rank_x = stat_ranks_by_counting(x), rank_y = stat_ranks_by_counting(y);
    double d2 = 0;
    for (std::size_t i = 0; i < n; ++i) d2 += (rank_x[i] - rank_y[i]) * (rank_x[i] - rank_y[i]);
    const double nn = static_cast<double>(n), rho = 1 - 6 * d2 / (nn * (nn * nn - 1));
    const auto spearman = statistics::spearman(x, y);
    ASSERT_TRUE(spearman);
    EXPECT_NEAR(spearman->rho, rho, 1e-12) << n;
    EXPECT_NEAR(spearman->p_value, stat_correlation_p_value(rho, n), 1e-8) << n;
  }
}

TEST(StatisticsSpearman, WithTiesIsPearsonsROfTheMidRanks) {
  // x ranks 1 2.5 2.5 4 6 6 6 8, y ranks 2 1 3.5 3.5 6 5 7.5 7.5: the shortcut
  // 1 − 6Σd²/(n(n² − 1)) would not hold here.
  const std::vector<double> x{1, 2, 2, 3, 4, 4, 4, 5}, y{2, 1, 3, 3, 5, 4, 6, 6};
  const double rho = stat_pearson_r(stat_ranks_by_counting(x), stat_ranks_by_counting(y));
  const auto spearman = statistics::spearman(x, y);
  ASSERT_TRUE(spearman);
  EXPECT_NEAR(spearman->rho, rho, 1e-12);
  EXPECT_NEAR(spearman->p_value, stat_correlation_p_value(rho, 8), 1e-8);
  const auto interval = stat_fisher_interval(rho, 8, std::sqrt(1.06));
  EXPECT_NEAR(spearman->ci_low, interval.low, 1e-9);
  EXPECT_NEAR(spearman->ci_high, interval.high, 1e-9);
}

TEST(StatisticsSpearman, OfRanksComputedAlreadyIsTheSame) {
  const std::vector<double> x{1, 2, 2, 3, 4, 4, 4, 5, 0.5}, y{2, 1, 3, 3, 5, 4, 6, 6, 9};
  const auto of_values = statistics::spearman(x, y);
  const auto of_ranks = statistics::spearman_of_ranks(stat_ranks_by_counting(x), stat_ranks_by_counting(y));
  ASSERT_TRUE(of_values && of_ranks);
  EXPECT_NEAR(of_ranks->rho, of_values->rho, 1e-12);
  EXPECT_EQ(of_ranks->n, of_values->n);
  EXPECT_NEAR(of_ranks->p_value, of_values->p_value, 1e-12);
  EXPECT_NEAR(of_ranks->ci_low, of_values->ci_low, 1e-12);
  EXPECT_NEAR(of_ranks->ci_high, of_values->ci_high, 1e-12);
  EXPECT_FALSE(statistics::spearman_of_ranks(std::vector<double>{1, 2, 3}, std::vector<double>{3, 1, 2}));
  EXPECT_FALSE(statistics::spearman_of_ranks(std::vector<double>{2.5, 2.5, 2.5, 2.5}, std::vector<double>{1, 2, 3, 4}));
}

TEST(StatisticsSpearman, AtTheSmallestSampleOfFourPairs) {
  // The ranks are the values of the Pearson case above: ρ = 0.8, p = 0.2; the
  // standard error of z is sqrt(1.06 / 1).
  const auto spearman = statistics::spearman(std::vector<double>{10, 20, 30, 40}, std::vector<double>{-5, 7, 0, 9});
  ASSERT_TRUE(spearman);
  EXPECT_NEAR(spearman->rho, 0.8, 1e-12);
  EXPECT_NEAR(spearman->p_value, 0.2, 1e-9);
  EXPECT_NEAR(spearman->ci_low, std::tanh(std::log(3.0) - kStatZ975 * std::sqrt(1.06)), 1e-9);
  EXPECT_NEAR(spearman->ci_high, std::tanh(std::log(3.0) + kStatZ975 * std::sqrt(1.06)), 1e-9);
}

TEST(StatisticsSpearman, HasNoTestForFewerThanFourPairsUnequalSizesOrASeriesWithoutSpread) {
  EXPECT_FALSE(statistics::spearman(std::vector<double>{1, 2, 3}, std::vector<double>{3, 1, 2}));
  EXPECT_FALSE(statistics::spearman(std::vector<double>{}, std::vector<double>{}));
  EXPECT_FALSE(statistics::spearman(std::vector<double>{1, 2, 3, 4}, std::vector<double>{3, 1, 2}));
  EXPECT_FALSE(statistics::spearman(std::vector<double>{4, 4, 4, 4, 4}, std::vector<double>{3, 1, 2, 5, 4}));
  EXPECT_FALSE(statistics::spearman(std::vector<double>{3, 1, 2, 5, 4}, std::vector<double>{0, 0, 0, 0, 0}));
}

TEST(StatisticsSpearman, IsSymmetricAndChangesSignWithOneSeries) {
  const std::vector<double> x{3, 1, 4, 1, 5, 9, 2, 6, 5, 3}, y{2, 7, 1, 8, 2, 8, 1, 8, 2, 8};
  const auto xy = statistics::spearman(x, y), yx = statistics::spearman(y, x);
  const auto negated = statistics::spearman(x, stat_negated(y));
  ASSERT_TRUE(xy && yx && negated);
  EXPECT_NEAR(yx->rho, xy->rho, 1e-12);
  EXPECT_NEAR(yx->p_value, xy->p_value, 1e-12);
  EXPECT_NEAR(negated->rho, -xy->rho, 1e-12);
  EXPECT_NEAR(negated->p_value, xy->p_value, 1e-12);
  EXPECT_NEAR(negated->ci_low, -xy->ci_high, 1e-12);
  EXPECT_NEAR(negated->ci_high, -xy->ci_low, 1e-12);
}

TEST(StatisticsSpearman, AMonotoneRelationHasRhoOneAPValueOfZeroAndAnIntervalCollapsedOnIt) {
  const std::vector<double> x{1, 2, 3, 4, 5, 6, 7};
  const std::vector<double> up{0.01, 0.1, 1, 10, 100, 1000, 1e4}, down{9, 8, 7.5, 3, 2.9, -1, -50};
  for (const auto& [y, sign] : {std::pair{up, 1.0}, std::pair{down, -1.0}}) {
    const auto spearman = statistics::spearman(x, y);
    ASSERT_TRUE(spearman);
    EXPECT_NEAR(spearman->rho, sign, 1e-12);
    EXPECT_LE(std::abs(spearman->rho), 1.0);
    EXPECT_GE(spearman->p_value, 0.0);
    EXPECT_LT(spearman->p_value, 1e-12);
    EXPECT_NEAR(spearman->ci_low, sign, 1e-9);
    EXPECT_NEAR(spearman->ci_high, sign, 1e-9);
  }
}

// ---- Welch's t-test ------------------------------------------------------------------

TEST(StatisticsWelch, OfAHandWorkedPair) {
  // a 1..5: mean 3, variance 10/4 = 2.5; b 2 4 6: mean 4, variance 8/2 = 4.
  // Squared standard error 2.5/5 + 4/3 = 11/6, t = −1 / sqrt(11/6) = −0.7385489.
  // Degrees of freedom (11/6)² / ((1/2)²/4 + (4/3)²/2) = (121/36) / (137/144)
  // = 484/137 = 3.532846715; p ≈ 0.5062.
  const auto welch = statistics::welch(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>{2, 4, 6});
  ASSERT_TRUE(welch);
  EXPECT_NEAR(welch->mean_a, 3.0, 1e-12);
  EXPECT_NEAR(welch->mean_b, 4.0, 1e-12);
  EXPECT_NEAR(welch->sd_a, std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(welch->sd_b, 2.0, 1e-12);
  EXPECT_EQ(welch->n_a, 5u);
  EXPECT_EQ(welch->n_b, 3u);
  EXPECT_NEAR(welch->difference, -1.0, 1e-12);
  EXPECT_NEAR(welch->degrees_of_freedom, 484.0 / 137, 1e-9);
  EXPECT_NEAR(welch->p_value, stat_t_p_value_by_integration(-1 / std::sqrt(11.0 / 6), 484.0 / 137), 1e-8);
  EXPECT_NEAR(welch->p_value, 0.5062, 1e-4);
  // The interval is the difference ± t(0.975, df) · se.
  const double se = std::sqrt(11.0 / 6);
  EXPECT_NEAR(welch->ci_low + welch->ci_high, 2 * welch->difference, 1e-9);
  EXPECT_NEAR(stat_t_cdf_by_integration((welch->ci_high - welch->ci_low) / 2 / se, 484.0 / 137), 0.975, 1e-8);
}

TEST(StatisticsWelch, FollowsTheTextbookFormulasOnLargerSamples) {
  std::mt19937 engine(1947);
  for (int round = 0; round < 10; ++round) {
    const std::size_t n_a = 2 + engine() % 25, n_b = 2 + engine() % 25;
    auto a = stat_normal_sample(engine, n_a), b = stat_normal_sample(engine, n_b);
    for (double& value : b) value = 0.8 + 2.5 * value;  // another mean and spread
    const auto welch = statistics::welch(a, b);
    ASSERT_TRUE(welch);
    double var_a = 0, var_b = 0;
    for (const double value : a) var_a += (value - stat_mean_of(a)) * (value - stat_mean_of(a));
    for (const double value : b) var_b += (value - stat_mean_of(b)) * (value - stat_mean_of(b));
    const double va = var_a / (n_a - 1) / n_a, vb = var_b / (n_b - 1) / n_b;  // squared standard errors
    const double t = (stat_mean_of(a) - stat_mean_of(b)) / std::sqrt(va + vb);
    const double df = (va + vb) * (va + vb) / (va * va / (n_a - 1) + vb * vb / (n_b - 1));
    EXPECT_NEAR(welch->difference, stat_mean_of(a) - stat_mean_of(b), 1e-12);
    EXPECT_NEAR(welch->degrees_of_freedom, df, 1e-9 * df);
    EXPECT_NEAR(welch->p_value, stat_t_p_value_by_integration(t, df), 1e-8) << n_a << " " << n_b;
    EXPECT_NEAR(stat_t_cdf_by_integration((welch->ci_high - welch->ci_low) / 2 / std::sqrt(va + vb), df), 0.975, 1e-8);
    // A 95 % interval leaves out 0 exactly when p < 0.05.
    EXPECT_EQ(welch->p_value<0.05, welch->ci_low> 0 || welch->ci_high < 0);
  }
}

TEST(StatisticsWelch, WithOneConstantGroupIsTheOneSampleTestOfTheOther) {
  // a 5 5 5 5 has no spread; b 1..5: mean 3, variance 2.5. se = sqrt(2.5/5) =
  // sqrt(0.5), t = 2 / sqrt(0.5) = 2 sqrt(2), df = (0.5)² / ((0.5)²/4) = 4.
  // With ν = 4 and t² = 8 (1 + t²/4 = 3): p = 1 − (3/4)(t/√3)(1 − 8/36) =
  // 1 − (7/12) sqrt(8/3) = 0.0474206556. The interval 2 ± 2.776445105 · 0.7071068.
  const auto welch = statistics::welch(std::vector<double>{5, 5, 5, 5}, std::vector<double>{1, 2, 3, 4, 5});
  ASSERT_TRUE(welch);
  EXPECT_NEAR(welch->difference, 2.0, 1e-12);
  EXPECT_EQ(welch->sd_a, 0.0);
  EXPECT_NEAR(welch->degrees_of_freedom, 4.0, 1e-9);
  EXPECT_NEAR(welch->p_value, 1 - 7.0 / 12 * std::sqrt(8.0 / 3), 1e-9);
  EXPECT_NEAR(welch->ci_low, 2 - 2.776445105 * std::sqrt(0.5), 1e-8);
  EXPECT_NEAR(welch->ci_high, 2 + 2.776445105 * std::sqrt(0.5), 1e-8);
}

TEST(StatisticsWelch, OfEqualGroupsHasAPValueOfOne) {
  const auto welch = statistics::welch(std::vector<double>{1, 2, 3}, std::vector<double>{3, 1, 2});
  ASSERT_TRUE(welch);
  EXPECT_NEAR(welch->difference, 0.0, 1e-12);
  EXPECT_NEAR(welch->p_value, 1.0, 1e-12);
  EXPECT_NEAR(welch->ci_low, -welch->ci_high, 1e-12);
}

TEST(StatisticsWelch, HasNoTestForAGroupOfFewerThanTwoOrWhenEveryValueIsTheSame) {
  EXPECT_FALSE(statistics::welch(std::vector<double>{1}, std::vector<double>{1, 2, 3}));
  EXPECT_FALSE(statistics::welch(std::vector<double>{1, 2, 3}, std::vector<double>{}));
  EXPECT_FALSE(statistics::welch(std::vector<double>{4, 4, 4}, std::vector<double>{4, 4}));
}

TEST(StatisticsWelch, OfTwoConstantGroupsIsTheExactChanceOfSoCleanASplit) {
  // t is undefined. 5 5 5 against 7 7 7 7: of the C(7, 3) = 7 · 6 · 5 / 6 = 35
  // ways to pick the first group from the seven values, one puts the three
  // lowest first and (both ways round) one the three highest: p = 2/35.
  const auto apart = statistics::welch(std::vector<double>{5, 5, 5}, std::vector<double>{7, 7, 7, 7});
  ASSERT_TRUE(apart);
  EXPECT_NEAR(apart->difference, -2.0, 1e-12);
  EXPECT_NEAR(apart->p_value, 2.0 / 35, 1e-12);
  EXPECT_NEAR(apart->ci_low, -2.0, 1e-12);
  EXPECT_NEAR(apart->ci_high, -2.0, 1e-12);
  // 4 4 4 against 7 7: 2 / C(5, 3) = 2/10.
  const auto small = statistics::welch(std::vector<double>{4, 4, 4}, std::vector<double>{7, 7});
  ASSERT_TRUE(small);
  EXPECT_NEAR(small->p_value, 0.2, 1e-12);
  // Two and two: 2 / C(4, 2) = 2/6; the chance is never above 1.
  const auto smallest = statistics::welch(std::vector<double>{1, 1}, std::vector<double>{2, 2});
  ASSERT_TRUE(smallest);
  EXPECT_NEAR(smallest->p_value, 1.0 / 3, 1e-12);
}

TEST(StatisticsWelch, TreatsRepeatedDecimalsWhoseMeansRoundOffAsGroupsWithoutSpread) {
  // Three 0.1s have the mean 0.10000000000000002 and three 0.2s 0.20000000000000004:
  // standard deviations of 1e-17 would make t about −6e15 and p about 1e-46.
  // Without spread, p is 2 / C(6, 3) = 2/20.
  const auto both = statistics::welch(std::vector<double>(3, 0.1), std::vector<double>(3, 0.2));
  ASSERT_TRUE(both);
  EXPECT_EQ(both->sd_a, 0.0);
  EXPECT_EQ(both->sd_b, 0.0);
  EXPECT_NEAR(both->p_value, 0.1, 1e-12);
  // One such group is a group without spread: the one-sample test of the other.
  const auto one = statistics::welch(std::vector<double>(6, 0.1), std::vector<double>{1, 2, 3, 4, 5});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->sd_a, 0.0);
  EXPECT_NEAR(one->degrees_of_freedom, 4.0, 1e-12);
}

TEST(StatisticsWelch, SwappingTheGroupsFlipsTheSign) {
  const std::vector<double> a{2.1, 3.4, 1.9, 5.0, 4.2}, b{6.3, 5.9, 7.7, 4.8};
  const auto ab = statistics::welch(a, b), ba = statistics::welch(b, a);
  ASSERT_TRUE(ab && ba);
  EXPECT_NEAR(ba->difference, -ab->difference, 1e-12);
  EXPECT_NEAR(ba->ci_low, -ab->ci_high, 1e-12);
  EXPECT_NEAR(ba->ci_high, -ab->ci_low, 1e-12);
  EXPECT_NEAR(ba->p_value, ab->p_value, 1e-12);
  EXPECT_NEAR(ba->degrees_of_freedom, ab->degrees_of_freedom, 1e-12);
  EXPECT_EQ(ba->mean_a, ab->mean_b);
  EXPECT_EQ(ba->n_a, ab->n_b);
}

TEST(StatisticsWelch, AFarDifferenceHasAPValueNearZeroButNotBelow) {
  const auto welch =
      statistics::welch(std::vector<double>{0, 0.001, 0.002}, std::vector<double>{1000, 1000.001, 1000.002});
  ASSERT_TRUE(welch);
  EXPECT_GE(welch->p_value, 0.0);
  EXPECT_LT(welch->p_value, 1e-9);
  EXPECT_TRUE(std::isfinite(welch->ci_low) && std::isfinite(welch->ci_high));
  EXPECT_LT(welch->ci_high, 0.0);
}

// ---- the difference of two rates ---------------------------------------------------------

TEST(StatisticsRates, OfAHandWorkedPair) {
  // 30 of 50 against 20 of 50: 0.6 − 0.4 = 0.2. Pooled 50/100 = 0.5, se
  // sqrt(0.25 (1/50 + 1/50)) = 0.1, z = 2, p = erfc(2/√2) = 0.0455002639.
  // Wald: sqrt(0.24/50 + 0.24/50) = sqrt(0.0096) = 0.0979795897, half-width
  // 1.959963985 · 0.0979795897 = 0.1920364671.
  const auto rates = statistics::rates(30, 50, 20, 50);
  ASSERT_TRUE(rates);
  EXPECT_NEAR(rates->mean_a, 0.6, 1e-12);
  EXPECT_NEAR(rates->mean_b, 0.4, 1e-12);
  EXPECT_EQ(rates->n_a, 50u);
  EXPECT_EQ(rates->n_b, 50u);
  EXPECT_NEAR(rates->difference, 0.2, 1e-12);
  EXPECT_NEAR(rates->p_value, 0.0455002639, 1e-9);
  EXPECT_NEAR(rates->ci_low, 0.2 - 0.1920364671, 1e-9);
  EXPECT_NEAR(rates->ci_high, 0.2 + 0.1920364671, 1e-9);
}

TEST(StatisticsRates, OfUnequalGroupsUsesThePooledRateForP) {
  // 0 of 10 against 5 of 10: pooled 0.25, se sqrt(0.1875 · 0.2) = sqrt(0.0375),
  // z = −0.5 / sqrt(0.0375) = −2.5819889; Wald: sqrt(0 + 0.25/10) = sqrt(0.025).
  const auto rates = statistics::rates(0, 10, 5, 10);
  ASSERT_TRUE(rates);
  EXPECT_NEAR(rates->difference, -0.5, 1e-12);
  EXPECT_NEAR(rates->p_value, std::erfc(0.5 / std::sqrt(0.0375) / std::numbers::sqrt2), 1e-9);
  EXPECT_NEAR(rates->ci_low, -0.5 - kStatZ975 * std::sqrt(0.025), 1e-9);
  EXPECT_NEAR(rates->ci_high, -0.5 + kStatZ975 * std::sqrt(0.025), 1e-9);
  // 3 of 12 against 7 of 9: pooled 10/21; z = (1/4 − 7/9) / sqrt((10/21)(11/21)(1/12 + 1/9)).
  const auto uneven = statistics::rates(3, 12, 7, 9);
  ASSERT_TRUE(uneven);
  const double z = (0.25 - 7.0 / 9) / std::sqrt(10.0 / 21 * 11.0 / 21 * (1.0 / 12 + 1.0 / 9));
  EXPECT_NEAR(uneven->p_value, std::erfc(std::abs(z) / std::numbers::sqrt2), 1e-9);
}

TEST(StatisticsRates, AllNoAgainstAllYesIsAsFarApartAsRatesGo) {
  // 0 of 10 against 10 of 10: pooled 0.5, se sqrt(0.25 · 0.2) = sqrt(0.05),
  // z = −1 / sqrt(0.05) = −sqrt(20), p = erfc(sqrt(10)) = 7.7e-6. Wald's
  // standard error is 0 at both ends, so its interval is the point −1.
  const auto rates = statistics::rates(0, 10, 10, 10);
  ASSERT_TRUE(rates);
  EXPECT_NEAR(rates->difference, -1.0, 1e-12);
  EXPECT_NEAR(rates->p_value, std::erfc(std::sqrt(10.0)), 1e-12);
  EXPECT_NEAR(rates->ci_low, -1.0, 1e-12);
  EXPECT_NEAR(rates->ci_high, -1.0, 1e-12);
}

TEST(StatisticsRates, OfEqualRatesHasAPValueOfOne) {
  const auto rates = statistics::rates(5, 10, 10, 20);
  ASSERT_TRUE(rates);
  EXPECT_NEAR(rates->difference, 0.0, 1e-12);
  EXPECT_NEAR(rates->p_value, 1.0, 1e-12);
}

TEST(StatisticsRates, HasNoTestForAnEmptyGroupOrWhenEveryValueIsTheSame) {
  EXPECT_FALSE(statistics::rates(0, 0, 3, 10));
  EXPECT_FALSE(statistics::rates(3, 10, 0, 0));
  EXPECT_FALSE(statistics::rates(0, 10, 0, 20));    // no yes at all
  EXPECT_FALSE(statistics::rates(10, 10, 20, 20));  // no no at all
}

TEST(StatisticsRates, SwappingTheGroupsFlipsTheSign) {
  const auto ab = statistics::rates(4, 9, 11, 13), ba = statistics::rates(11, 13, 4, 9);
  ASSERT_TRUE(ab && ba);
  EXPECT_NEAR(ba->difference, -ab->difference, 1e-12);
  EXPECT_NEAR(ba->ci_low, -ab->ci_high, 1e-12);
  EXPECT_NEAR(ba->ci_high, -ab->ci_low, 1e-12);
  EXPECT_NEAR(ba->p_value, ab->p_value, 1e-12);
}

// ---- Kruskal–Wallis ----------------------------------------------------------------------

TEST(StatisticsKruskalWallis, OfTheMucociliaryEfficiencyExample) {
  // Pooled ranks: 2.0 2.2 (asbestosis) 1 2; 2.4 (airway) 3; 2.5 2.6 (normal) 4 5;
  // 2.7 6; 2.8 7; 2.9 3.0 3.2 8 9 10; 3.4 3.7 11 12; 3.8 4.0 13 14.
  // Rank sums: normal 4+5+8+9+10 = 36, airway 3+6+13+14 = 36, asbestosis 1+2+7+11+12 = 33.
  // H = 12/(14 · 15) (36²/5 + 36²/4 + 33²/5) − 3 · 15 = (12/210) · 801 − 45 = 27/35 = 0.7714286;
  // with 2 degrees of freedom p = e^(−H/2) = 0.68 (as R prints it).
  const auto test =
      statistics::kruskal_wallis({{2.9, 3.0, 2.5, 2.6, 3.2}, {3.8, 2.7, 4.0, 2.4}, {2.8, 3.4, 3.7, 2.2, 2.0}});
  ASSERT_TRUE(test);
  EXPECT_NEAR(test->statistic, 27.0 / 35, 1e-12);
  EXPECT_NEAR(test->statistic, 0.77143, 5e-6);
  EXPECT_EQ(test->degrees_of_freedom, 2.0);
  EXPECT_EQ(test->n, 14u);
  EXPECT_NEAR(test->p_value, std::exp(-27.0 / 70), 1e-10);
  EXPECT_NEAR(test->p_value, 0.68, 5e-3);
}

TEST(StatisticsKruskalWallis, OfSeparatedGroups) {
  // 1 2 3 | 4 5 6 | 7 8 9: rank sums 6, 15, 24; H = 12/90 (36 + 225 + 576)/3 − 30
  // = (12/90) · 279 − 30 = 37.2 − 30 = 7.2; p = e^(−3.6) = 0.0273237224.
  const auto test = statistics::kruskal_wallis({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
  ASSERT_TRUE(test);
  EXPECT_NEAR(test->statistic, 7.2, 1e-12);
  EXPECT_NEAR(test->p_value, 0.0273237224, 1e-10);
  // The order of the groups and of the values within them does not matter.
  const auto shuffled = statistics::kruskal_wallis({{9, 7, 8}, {3, 1, 2}, {5, 6, 4}});
  ASSERT_TRUE(shuffled);
  EXPECT_NEAR(shuffled->statistic, 7.2, 1e-12);
}

TEST(StatisticsKruskalWallis, CorrectsForTies) {
  // Pooled 1 1 2 2 3 3 3 4 (N = 8): ranks 1.5 1.5 3.5 3.5 6 6 6 8.
  // Rank sums {1 1 2} 6.5, {2 3 3} 15.5, {3 4} 14 (total 36 = 8 · 9 / 2).
  // Uncorrected H = 12/72 (42.25/3 + 240.25/3 + 196/2) − 27 = 192.1666667/6 − 27
  // = 5.0277778. Ties of 2, 2, 3: C = 1 − (6 + 6 + 24)/(512 − 8) = 1 − 36/504 =
  // 0.9285714. H = 5.0277778 / 0.9285714 = 5.4145299, p = e^(−H/2) = 0.0667190.
  const auto test = statistics::kruskal_wallis({{1, 1, 2}, {2, 3, 3}, {3, 4}});
  ASSERT_TRUE(test);
  EXPECT_NEAR(test->statistic, ((192.0 + 1.0 / 6) / 6 - 27) / (1 - 36.0 / 504), 1e-9);
  EXPECT_NEAR(test->p_value, 0.0667190368, 1e-9);
  EXPECT_EQ(test->n, 8u);
}

TEST(StatisticsKruskalWallis, OfTwoGroupsEachConstantButApart) {
  // 1 1 1 | 2 2 2: ranks 2 2 2 | 5 5 5, sums 6 and 15. H = 12/42 (36/3 + 225/3)
  // − 21 = 24.857143 − 21 = 27/7; C = 1 − (24 + 24)/(216 − 6) = 27/35; H = 5;
  // p = P(χ²₁ > 5) = erfc(sqrt(2.5)) = 0.0253473187.
  const auto test = statistics::kruskal_wallis({{1, 1, 1}, {2, 2, 2}});
  ASSERT_TRUE(test);
  EXPECT_NEAR(test->statistic, 5.0, 1e-12);
  EXPECT_EQ(test->degrees_of_freedom, 1.0);
  EXPECT_NEAR(test->p_value, std::erfc(std::sqrt(2.5)), 1e-10);
}

TEST(StatisticsKruskalWallis, CountsOnlyTheGroupsWithValues) {
  const auto test = statistics::kruskal_wallis({{}, {1, 2, 3}, {}, {4, 5, 6}, {7, 8, 9}, {}});
  ASSERT_TRUE(test);
  EXPECT_EQ(test->degrees_of_freedom, 2.0);
  EXPECT_NEAR(test->statistic, 7.2, 1e-12);
  EXPECT_EQ(test->n, 9u);
}

TEST(StatisticsKruskalWallis, NeedsTwoGroupsAndOneValueMoreThanGroups) {
  EXPECT_FALSE(statistics::kruskal_wallis({}));
  EXPECT_FALSE(statistics::kruskal_wallis({{1, 2, 3, 4}}));
  EXPECT_FALSE(statistics::kruskal_wallis({{1, 2, 3, 4}, {}}));
  EXPECT_FALSE(statistics::kruskal_wallis({{1}, {2}}));  // 2 values, k + 1 = 3
  // Three values, two groups: ranks 1 | 2 3, H = 12/12 (1 + 25/2) − 12 = 1.5,
  // p = P(χ²₁ > 1.5) = erfc(sqrt(0.75)) = 0.2206713619.
  const auto smallest = statistics::kruskal_wallis({{1}, {2, 3}});
  ASSERT_TRUE(smallest);
  EXPECT_NEAR(smallest->statistic, 1.5, 1e-12);
  EXPECT_NEAR(smallest->p_value, std::erfc(std::sqrt(0.75)), 1e-10);
}

TEST(StatisticsKruskalWallis, HasNoTestWhenEveryValueIsTheSame) {
  EXPECT_FALSE(statistics::kruskal_wallis({{3, 3}, {3, 3, 3}, {3}}));
}

// ---- Benjamini–Hochberg -------------------------------------------------------------------

TEST(StatisticsBenjaminiHochberg, OfThe1995PapersFifteenPValues) {
  // q(i) = min over j ≥ i of 15/j · p(j), from the largest down:
  //   j 15: 1.0000   14: 0.7590·15/14 = 0.8132143   13: 0.6528·15/13 = 0.7532308
  //   12: 0.5719·15/12 = 0.714875   11: 0.4262·15/11 = 0.5811818   10: 0.3240·1.5 = 0.486
  //    9: 0.0459·15/9 = 0.0765      8: 0.0344·15/8 = 0.0645        7: 0.0298·15/7 = 0.0638571
  //    6: 0.0278·15/6 = 0.0695 > 0.0638571, so 0.0638571
  //    5: 0.0201·3 = 0.0603          4: 0.0095·15/4 = 0.035625      3: 0.0019·5 = 0.0095
  //    2: 0.0004·7.5 = 0.003         1: 0.0001·15 = 0.0015
  // Four are discoveries at 0.05, as the paper finds (Bonferroni finds three).
  const std::vector<double> p{0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
                              0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000};
  const std::vector<double> expected{0.0015, 0.003, 0.0095,    0.035625, 0.0603,    0.0638571, 0.0638571, 0.0645,
                                     0.0765, 0.486, 0.5811818, 0.714875, 0.7532308, 0.8132143, 1.0};
  const auto q = statistics::benjamini_hochberg(p);
  ASSERT_EQ(q.size(), expected.size());
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_NEAR(q[i], expected[i], 1e-7) << i;
  EXPECT_EQ(std::count_if(q.begin(), q.end(), [](double value) { return value <= 0.05; }), 4);
}

TEST(StatisticsBenjaminiHochberg, KeepsTheOrderGiven) {
  // The paper's values reversed and shuffled: each keeps its own q-value.
  const std::vector<double> p{0.0459, 1.0000, 0.0001, 0.3240, 0.0278, 0.0095, 0.7590, 0.0201,
                              0.0298, 0.5719, 0.0004, 0.4262, 0.0344, 0.6528, 0.0019};
  const std::vector<double> expected{0.0765,    1.0,      0.0015, 0.486,     0.0638571, 0.035625,  0.8132143, 0.0603,
                                     0.0638571, 0.714875, 0.003,  0.5811818, 0.0645,    0.7532308, 0.0095};
  const auto q = statistics::benjamini_hochberg(p);
  ASSERT_EQ(q.size(), expected.size());
  for (std::size_t i = 0; i < q.size(); ++i) EXPECT_NEAR(q[i], expected[i], 1e-7) << i;
}

TEST(StatisticsBenjaminiHochberg, IsMonotoneNeverBelowPAndNeverAboveOne) {
  std::mt19937 engine(1995);
  for (int round = 0; round < 30; ++round) {
    std::vector<double> p;
    const std::size_t m = 1 + engine() % 60;
    for (std::size_t i = 0; i < m; ++i) {
      const double u = (static_cast<double>(engine()) + 0.5) / 4294967296.0;
      p.push_back(i % 3 == 0 ? u * u * u : u);  // some small, some ties below
      if (i % 7 == 6) p.back() = p.front();
    }
    const auto q = statistics::benjamini_hochberg(p);
    ASSERT_EQ(q.size(), m);
    for (std::size_t i = 0; i < m; ++i) {
      EXPECT_GE(q[i], p[i]);
      EXPECT_LE(q[i], 1.0);
      for (std::size_t j = 0; j < m; ++j) {
        if (p[i] <= p[j]) {
          EXPECT_LE(q[i], q[j]) << p[i] << " " << p[j];
        }
      }
    }
  }
}

TEST(StatisticsBenjaminiHochberg, OfNoneOneAndEqualPValues) {
  EXPECT_TRUE(statistics::benjamini_hochberg(std::vector<double>{}).empty());
  EXPECT_EQ(statistics::benjamini_hochberg(std::vector<double>{0.03}), (std::vector<double>{0.03}));
  // Three equal p-values of 0.04: min(3/3, 3/2, 3/1) · 0.04 = 0.04 each.
  const auto q = statistics::benjamini_hochberg(std::vector<double>{0.04, 0.04, 0.04});
  ASSERT_EQ(q.size(), 3u);
  for (const double value : q) EXPECT_NEAR(value, 0.04, 1e-15);
  // 0.01 and 0.04: the smaller 2 · 0.01 = 0.02, the larger 2/2 · 0.04 = 0.04.
  const auto two = statistics::benjamini_hochberg(std::vector<double>{0.04, 0.01});
  ASSERT_EQ(two.size(), 2u);
  EXPECT_NEAR(two[0], 0.04, 1e-15);
  EXPECT_NEAR(two[1], 0.02, 1e-15);
}

// ---- least squares -------------------------------------------------------------------------

TEST(StatisticsLeastSquares, OfAHandWorkedSeries) {
  // As for Pearson above: slope Sxy/Sxx = 6/10 = 0.6, intercept 4 − 0.6 · 3 = 2.2.
  const auto line = statistics::least_squares(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>{2, 4, 5, 4, 5});
  ASSERT_TRUE(line);
  EXPECT_NEAR(line->slope, 0.6, 1e-12);
  EXPECT_NEAR(line->intercept, 2.2, 1e-12);
}

TEST(StatisticsLeastSquares, OfAnscombesFirstDataSet) {
  // Published: y = 3.00 + 0.500 x (exactly 3.0000909 and 0.5000909).
  const auto line =
      statistics::least_squares(std::vector<double>{10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5},
                                std::vector<double>{8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68});
  ASSERT_TRUE(line);
  EXPECT_NEAR(line->slope, 0.500, 5e-4);
  EXPECT_NEAR(line->intercept, 3.00, 5e-3);
  EXPECT_NEAR(line->slope, 0.5000909091, 1e-9);
  EXPECT_NEAR(line->intercept, 3.0000909091, 1e-9);
}

TEST(StatisticsLeastSquares, GoesThroughTwoPointsAndAlongAFlatSeries) {
  const auto two = statistics::least_squares(std::vector<double>{1, 3}, std::vector<double>{5, 1});
  ASSERT_TRUE(two);
  EXPECT_NEAR(two->slope, -2.0, 1e-12);
  EXPECT_NEAR(two->intercept, 7.0, 1e-12);
  const auto flat = statistics::least_squares(std::vector<double>{1, 2, 3, 4}, std::vector<double>{6, 6, 6, 6});
  ASSERT_TRUE(flat);
  EXPECT_NEAR(flat->slope, 0.0, 1e-12);
  EXPECT_NEAR(flat->intercept, 6.0, 1e-12);
}

TEST(StatisticsLeastSquares, HasNoLineForFewerThanTwoPointsOrXWithoutSpread) {
  EXPECT_FALSE(statistics::least_squares(std::vector<double>{}, std::vector<double>{}));
  EXPECT_FALSE(statistics::least_squares(std::vector<double>{1}, std::vector<double>{1}));
  EXPECT_FALSE(statistics::least_squares(std::vector<double>{2, 2, 2}, std::vector<double>{1, 2, 3}));
  // Six 0.1s: the mean 0.09999999999999999 leaves deviations of 1.4e-17, and
  // a slope of their noise.
  EXPECT_FALSE(statistics::least_squares(std::vector<double>(6, 0.1), std::vector<double>{0.1, 0.2, 0.7, 1, 2, 3}));
}

// ---- calibration ---------------------------------------------------------------------------

// Under independence a p-value is uniform: of 2000 tests at 0.05 about 100
// (binomial sd sqrt(2000 · 0.05 · 0.95) = 9.7) fall below, so [70, 130] is
// about three standard deviations. Every p-value lies in [0, 1].
TEST(StatisticsCalibration, SpearmanRejectsFivePercentOfIndependentSamples) {
  std::mt19937 engine(20261205);
  int below = 0;
  for (int round = 0; round < 2000; ++round) {
    const auto x = stat_normal_sample(engine, 30), y = stat_normal_sample(engine, 30);
    const auto spearman = statistics::spearman(x, y);
    ASSERT_TRUE(spearman);
    ASSERT_GE(spearman->p_value, 0.0);
    ASSERT_LE(spearman->p_value, 1.0);
    ASSERT_LE(spearman->ci_low, spearman->rho);
    ASSERT_GE(spearman->ci_high, spearman->rho);
    if (spearman->p_value < 0.05) ++below;
  }
  EXPECT_GE(below / 2000.0, 0.035);
  EXPECT_LE(below / 2000.0, 0.065);
}

TEST(StatisticsCalibration, WelchRejectsFivePercentOfSamplesOfOneMean) {
  std::mt19937 engine(20261206);
  int below = 0;
  for (int round = 0; round < 2000; ++round) {
    const auto a = stat_normal_sample(engine, 30), b = stat_normal_sample(engine, 30);
    const auto welch = statistics::welch(a, b);
    ASSERT_TRUE(welch);
    ASSERT_GE(welch->p_value, 0.0);
    ASSERT_LE(welch->p_value, 1.0);
    if (welch->p_value < 0.05) ++below;
  }
  EXPECT_GE(below / 2000.0, 0.035);
  EXPECT_LE(below / 2000.0, 0.065);
}
