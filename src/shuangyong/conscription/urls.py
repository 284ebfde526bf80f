app_name = "conscription"

urlpatterns = []
