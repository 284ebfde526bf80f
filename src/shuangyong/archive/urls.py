app_name = "archive"

urlpatterns = []
