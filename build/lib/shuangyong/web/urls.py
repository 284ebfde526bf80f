from django.contrib.auth import views as auth_views
from django.urls import path

from shuangyong.accounts import views_signin
from shuangyong.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views_signin.SignInView.as_view(), name="login"),
    path("login/factor/", views_signin.factor, name="login_factor"),
    path("login/enrol/", views_signin.enrol, name="login_enrol"),
    path("logout/", views_signin.SignOutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("security/", views_signin.my_security, name="my_security"),
]
