// The rules of an account (core/account_rules.hpp): what an email, a password
// and a display name must be.

#include "core/account_rules.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/core_support.hpp"

using namespace qself::core;
using qself::testing::repeat;
using Fields = qself::ValidationError::Fields;

namespace {

const std::string kNotAnEmail = "must be an email address like ada@example.org";

Fields email_problems(const std::string& email) {
  Fields errors;
  normalize_email(email, errors);
  return errors;
}

Fields password_problems(const std::string& password) {
  Fields errors;
  check_password(password, errors);
  return errors;
}

}  // namespace

// ---- email --------------------------------------------------------------------

TEST(NormalizeEmail, TrimsAndLowerCases) {
  Fields errors;
  EXPECT_EQ(normalize_email("  Ada@Example.ORG \n", errors), "ada@example.org");
  EXPECT_TRUE(errors.empty());
}

TEST(NormalizeEmail, AcceptsPlainAddresses) {
  for (const char* email : {"a@b.c", "ada.lovelace+qself@mail.example.org", "x_1@sub.domain.io"}) {
    EXPECT_TRUE(email_problems(email).empty()) << email;
  }
}

TEST(NormalizeEmail, RefusesWhatIsNotAnAddress) {
  for (const char* email : {"", "   ", "ada", "a@", "@b.c", "a b@c.d", "a@b", "a@b@c.d", "a@@b.c", "a@.c", "a@b.c.",
                            "a,b@c.d", "<a@b.c>", "a@b\\.c", "a;b@c.d"}) {
    EXPECT_EQ(email_problems(email), (Fields{{"email", kNotAnEmail}})) << '"' << email << '"';
  }
}

TEST(NormalizeEmail, RefusesWhatTheMailerCannotSendTo) {
  for (const char* email : {"a:b@c.d", "a\x01b@c.d", "a\x7f@c.d", "a@b.c\td"}) {
    EXPECT_EQ(email_problems(email), (Fields{{"email", kNotAnEmail}})) << '"' << email << '"';
  }
}

TEST(NormalizeEmail, RefusesAddressesBeyondAscii) {
  // They need SMTPUTF8 on every mail server on the way; qself sends plain SMTP.
  for (const char* email : {"josé@example.org", "ada@exämple.org", "日本@例え.jp"}) {
    const auto problems = email_problems(email);
    ASSERT_EQ(problems.size(), 1u) << email;
    EXPECT_NE(problems.at("email").find("ASCII"), std::string::npos) << problems.at("email");
  }
  EXPECT_TRUE(email_problems("ada@xn--exmple-cua.org").empty()) << "a domain in its xn-- form";
}

TEST(NormalizeEmail, RefusesMoreThan254Characters) {
  const std::string domain = "@example.org";  // 12 characters
  EXPECT_TRUE(email_problems(std::string(254 - domain.size(), 'a') + domain).empty());
  EXPECT_EQ(email_problems(std::string(255 - domain.size(), 'a') + domain), (Fields{{"email", kNotAnEmail}}));
}

TEST(NormalizeEmail, AddsToTheProblemsAlreadyFound) {
  Fields errors{{"password", "must be at least 8 characters"}};
  normalize_email("nope", errors);
  EXPECT_EQ(errors.size(), 2u);
}

// ---- password -----------------------------------------------------------------

TEST(CheckPassword, NeedsAtLeastEightCharacters) {
  EXPECT_EQ(password_problems("1234567"), (Fields{{"password", "must be at least 8 characters"}}));
  EXPECT_EQ(password_problems(""), (Fields{{"password", "must be at least 8 characters"}}));
  EXPECT_TRUE(password_problems("12345678").empty());
}

TEST(CheckPassword, AllowsAtMost128Characters) {
  EXPECT_TRUE(password_problems(std::string(128, 'p')).empty());
  EXPECT_EQ(password_problems(std::string(129, 'p')), (Fields{{"password", "must be at most 128 characters"}}));
}

TEST(CheckPassword, CountsCharactersNotBytes) {
  EXPECT_EQ(password_problems(repeat("é", 7)), (Fields{{"password", "must be at least 8 characters"}}));
  EXPECT_TRUE(password_problems(repeat("é", 8)).empty());
  EXPECT_TRUE(password_problems(repeat("é", 128)).empty());
  EXPECT_EQ(password_problems(repeat("é", 129)), (Fields{{"password", "must be at most 128 characters"}}));
}

TEST(CheckPassword, AcceptsAnyCharactersEvenSpaces) {
  EXPECT_TRUE(password_problems("        ").empty());
  EXPECT_TRUE(password_problems("🔑🔑🔑🔑🔑🔑🔑🔑").empty());
}

TEST(CheckPassword, ReportsUnderTheFieldItIsGiven) {
  Fields errors;
  check_password("short", errors, "new_password");
  EXPECT_EQ(errors, (Fields{{"new_password", "must be at least 8 characters"}}));
}

// ---- display name -------------------------------------------------------------

TEST(NormalizeName, IsTrimmed) {
  Fields errors;
  EXPECT_EQ(normalize_name("  Ada Lovelace ", errors), "Ada Lovelace");
  EXPECT_TRUE(errors.empty());
}

TEST(NormalizeName, MayBeEmpty) {
  Fields errors;
  EXPECT_EQ(normalize_name("   ", errors), "");
  EXPECT_TRUE(errors.empty());
}

TEST(NormalizeName, HasAtMostOneHundredCharacters) {
  Fields errors;
  normalize_name(repeat("é", 100), errors);
  EXPECT_TRUE(errors.empty());
  normalize_name(repeat("é", 101), errors);
  EXPECT_EQ(errors, (Fields{{"name", "must be at most 100 characters"}}));
}

TEST(NormalizeName, IsOneLine) {
  Fields errors;
  normalize_name("Ada\nLovelace", errors);
  EXPECT_EQ(errors, (Fields{{"name", "must be one line, without tabs or control characters"}}));
}
